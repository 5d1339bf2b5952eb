package com.example.hub.messaging.limits;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits of the JSON that Boot's {@code JsonMapper} reads ({@code hub.json.*}): it is the mapper of Spring MVC's
 * JSON converter and the one the hub's message converter is built from, so HTTP and AMQP read within the same limits.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
@ConditionalOnClass(JsonMapper.class)
@EnableConfigurationProperties(JsonLimits.class)
public final class HubLimitsAutoConfiguration {

    /**
     * Sets Jackson's stream read constraints on the factory of Boot's {@code JsonMapper}.
     *
     * @param limits the limits
     * @return the customizer of Boot's JSON factory
     */
    @Bean
    JsonFactoryBuilderCustomizer hubJsonLimitsCustomizer(JsonLimits limits) {
        return builder -> builder.streamReadConstraints(limits.constraints());
    }
}
