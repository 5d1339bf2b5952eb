package com.example.hub.soindi.product;

import com.example.hub.messaging.failure.PermanentMessageException;
import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.odoo.ProductEventType;
import com.example.hub.messaging.topology.HubTopology;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Applies the product events of the queue {@code odoo_events} to SOINDI's store. The container acknowledges an event
 * only after this listener returned, that is after the event was committed. An invalid event goes to {@code
 * odoo_events_dead_letter_queue} at once, with the reason; any other failure is retried, then dead-lettered.
 */
@Component
class ProductEventListener {

    static final String ID = "odoo-events";

    private static final Logger logger = LoggerFactory.getLogger(ProductEventListener.class);

    private final ProductStore store;

    private final Validator validator;

    private final MeterRegistry meterRegistry;

    ProductEventListener(ProductStore store, Validator validator, MeterRegistry meterRegistry) {
        this.store = store;
        this.validator = validator;
        this.meterRegistry = meterRegistry;
    }

    @RabbitListener(id = ID, queues = HubTopology.ODOO_EVENTS_QUEUE)
    void onEvent(@Payload ProductEvent event) {
        validate(event);
        logger.debug(
                "Received {} {} for product {}",
                event.eventType(),
                event.eventId(),
                event.payload().productId());
        ApplyOutcome outcome = this.store.apply(event);
        this.meterRegistry
                .counter("soindi.events", "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .increment();
        logger.info(
                "Event {} {} for product {} (timestamp {}): {}",
                event.eventId(),
                event.eventType(),
                event.payload().productId(),
                event.timestamp(),
                describe(outcome));
    }

    /**
     * The event against SOINDI's {@link ProductEventConstraints}, with the names of its JSON, and the fields its type
     * needs.
     */
    private void validate(ProductEvent event) {
        Set<ConstraintViolation<ProductEvent>> violations = this.validator.validate(event);
        if (!violations.isEmpty()) {
            throw new PermanentMessageException("Invalid product event"
                    + (event.eventId() != null ? " " + event.eventId() : "") + ": "
                    + violations.stream()
                            .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                            .sorted()
                            .collect(Collectors.joining(", ")));
        }
        if (event.eventType() != ProductEventType.PRODUCT_DELETED
                && (event.payload().name() == null
                        || event.payload().name().isBlank()
                        || event.payload().price() == null)) {
            throw new PermanentMessageException("Invalid product event " + event.eventId() + ": a " + event.eventType()
                    + " event needs payload.name and payload.price");
        }
    }

    private static String describe(ApplyOutcome outcome) {
        return switch (outcome) {
            case APPLIED -> "applied";
            case DUPLICATE -> "already applied, skipped";
            case STALE -> "older than the product's last event, recorded without changing the product";
        };
    }
}
