package com.example.hub.soindi.product;

import com.example.hub.messaging.odoo.ProductEvent;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.defs.DigitsDef;
import org.hibernate.validator.cfg.defs.NotBlankDef;
import org.hibernate.validator.cfg.defs.NotNullDef;
import org.hibernate.validator.cfg.defs.PositiveOrZeroDef;
import org.hibernate.validator.cfg.defs.SizeDef;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What SOINDI requires of Odoo's product events, declared for the application's validator: {@link ProductEvent} is
 * the wire format shared with Odoo's producer and carries no constraints of its own. An event needs its id (at most
 * 255 characters, as SOINDI's tables), type, timestamp and payload; a payload its product id (at most 255), a name of
 * at most 1000 characters and a price of at least 0 with at most 15 digits before the point and 4 after.
 * {@link ProductEventListener} validates each event against these, and requires the name and price of a created or
 * updated product.
 */
@Configuration(proxyBeanMethods = false)
class ProductEventValidationConfiguration {

    @Bean
    ValidationConfigurationCustomizer productEventConstraintsCustomizer() {
        return configuration -> {
            if (!(configuration instanceof HibernateValidatorConfiguration hibernate)) {
                throw new IllegalStateException("SOINDI's constraints on product events need Hibernate Validator, not "
                        + configuration.getClass().getName());
            }
            hibernate.addMapping(mapping(hibernate.createConstraintMapping()));
        };
    }

    private static ConstraintMapping mapping(ConstraintMapping mapping) {
        mapping.type(ProductEvent.class)
                .field("eventId")
                .constraint(new NotBlankDef())
                .constraint(new SizeDef().max(255))
                .field("eventType")
                .constraint(new NotNullDef())
                .field("timestamp")
                .constraint(new NotNullDef())
                .field("payload")
                .constraint(new NotNullDef())
                .valid();
        mapping.type(ProductEvent.Payload.class)
                .field("productId")
                .constraint(new NotBlankDef())
                .constraint(new SizeDef().max(255))
                .field("name")
                .constraint(new SizeDef().max(1000))
                .field("price")
                .constraint(new PositiveOrZeroDef())
                .constraint(new DigitsDef().integer(15).fraction(4));
        return mapping;
    }
}
