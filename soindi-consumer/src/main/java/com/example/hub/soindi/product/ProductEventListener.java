package com.example.hub.soindi.product;

import com.example.hub.messaging.failure.FailureClassifier;
import com.example.hub.messaging.failure.PermanentMessageException;
import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.odoo.ProductEventType;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.soindi.product.ProductEventBatchConfiguration.ProductEventRetries;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.core.retry.RetryException;
import org.springframework.stereotype.Component;

/**
 * Applies the product events of the queue {@code odoo_events} to SOINDI's store, a batch at a time
 * ({@link ProductEventBatchConfiguration}): the valid events of a batch in one transaction, after which the container
 * acknowledges the whole batch. An invalid event goes to {@code odoo_events_dead_letter_queue} at once, with the reason. When the
 * batch's transaction fails, the events before the failing one are applied again together and the failing one is
 * retried alone (the batch counts as its first attempt), then dead-lettered with the reason if it keeps failing; the
 * rest of the batch goes on. When even dead-lettering is not possible, the whole batch goes back to the queue:
 * applying an event again changes nothing, so nothing is lost or applied twice.
 */
@Component
class ProductEventListener {

    static final String ID = "odoo-events";

    private static final Logger logger = LoggerFactory.getLogger(ProductEventListener.class);

    private final ProductStore store;

    private final Validator validator;

    private final MeterRegistry meterRegistry;

    private final MessageConverter messageConverter;

    private final MessageRecoverer deadLetters;

    private final ProductEventRetries retries;

    ProductEventListener(
            ProductStore store,
            Validator validator,
            MeterRegistry meterRegistry,
            MessageConverter messageConverter,
            MessageRecoverer deadLetters,
            ProductEventRetries retries) {
        this.store = store;
        this.validator = validator;
        this.meterRegistry = meterRegistry;
        this.messageConverter = messageConverter;
        this.deadLetters = deadLetters;
        this.retries = retries;
    }

    @RabbitListener(
            id = ID,
            queues = HubTopology.ODOO_EVENTS_QUEUE,
            containerFactory = ProductEventBatchConfiguration.CONTAINER_FACTORY)
    void onEvents(List<Message> messages) {
        Tally tally = new Tally();
        List<Received> received = new ArrayList<>(messages.size());
        for (Message message : messages) {
            try {
                received.add(new Received(message, read(message)));
            } catch (RuntimeException ex) {
                deadLetter(message, ex, tally);
            }
        }
        // in product order (stable: a product's events keep theirs), as the store locks the products: concurrent
        // batches, of this instance or of others, then never wait for each other in a cycle
        received.sort(Comparator.comparing(event -> event.event().payload().productId()));
        apply(received, tally);
        this.meterRegistry.summary("soindi.batch.size").record(messages.size());
        logger.info("Took {} event(s): {}", messages.size(), tally);
    }

    private ProductEvent read(Message message) {
        message.getMessageProperties().setInferredArgumentType(ProductEvent.class);
        if (!(this.messageConverter.fromMessage(message) instanceof ProductEvent event)) {
            throw new PermanentMessageException("Not a product event");
        }
        validate(event);
        return event;
    }

    /** Applies events in one transaction, or around the one that fails. */
    private void apply(List<Received> events, Tally tally) {
        if (events.isEmpty()) {
            return;
        }
        List<ApplyOutcome> outcomes;
        try {
            outcomes = this.store.applyAll(events.stream().map(Received::event).toList());
        } catch (ProductStore.EventsNotAppliedException failure) {
            if (failure.index() < 0) {
                // the transaction as a whole failed: each event was tried once
                events.forEach(event -> applyAlone(event, failure.getCause(), tally));
                return;
            }
            apply(events.subList(0, failure.index()), tally);
            applyAlone(events.get(failure.index()), failure.getCause(), tally);
            apply(events.subList(failure.index() + 1, events.size()), tally);
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            applied(events.get(i).event(), outcomes.get(i), tally);
        }
    }

    /**
     * Retries an event that failed once, then dead-letters it. The batch was its first attempt: the retry template
     * sees that failure first, so that it pauses and retries, or gives up at once on a permanent failure, as the
     * listeners' retry does.
     */
    private void applyAlone(Received received, Throwable batchFailure, Tally tally) {
        AtomicReference<Throwable> lastFailure = new AtomicReference<>();
        ApplyOutcome outcome;
        try {
            outcome = this.retries.retryTemplate().execute(() -> {
                Throwable failed = lastFailure.getAndSet(batchFailure);
                if (failed == null) {
                    throw batchFailure;
                }
                logger.warn(
                        "Event {} failed ({}), trying it again alone",
                        received.event().eventId(),
                        FailureClassifier.describe(failed));
                this.meterRegistry.counter("soindi.events.retried").increment();
                try {
                    return this.store.apply(received.event());
                } catch (RuntimeException ex) {
                    lastFailure.set(ex);
                    throw ex;
                }
            });
        } catch (RetryException exhausted) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ImmediateRequeueAmqpException(
                        "Interrupted while retrying an event: the batch goes back", exhausted);
            }
            deadLetter(received.message(), exhausted.getCause(), tally);
            return;
        }
        applied(received.event(), outcome, tally);
    }

    private void applied(ProductEvent event, ApplyOutcome outcome, Tally tally) {
        tally.add(outcome);
        this.meterRegistry
                .counter("soindi.events", "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .increment();
        // how far SOINDI is behind Odoo: from when the event happened there to now that it is applied (or not)
        this.meterRegistry.timer("soindi.events.lag").record(Duration.between(event.timestamp(), Instant.now()));
        logger.debug(
                "Event {} {} for product {} (timestamp {}): {}",
                event.eventId(),
                event.eventType(),
                event.payload().productId(),
                event.timestamp(),
                describe(outcome));
    }

    private void deadLetter(Message message, Throwable failure, Tally tally) {
        this.deadLetters.recover(message, failure);
        tally.deadLettered++;
        this.meterRegistry.counter("soindi.events", "outcome", "dead_lettered").increment();
    }

    /**
     * The event against SOINDI's constraints ({@link ProductEventValidationConfiguration}), with the names of its JSON,
     * and the fields its type needs.
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

    /** An event as it came, and as read. */
    private record Received(Message message, ProductEvent event) {}

    /** What became of the events of a batch, for the log. */
    private static final class Tally {

        private final Map<ApplyOutcome, Integer> outcomes = new EnumMap<>(ApplyOutcome.class);

        private int deadLettered;

        void add(ApplyOutcome outcome) {
            this.outcomes.merge(outcome, 1, Integer::sum);
        }

        @Override
        public String toString() {
            String applied = this.outcomes.entrySet().stream()
                    .map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            String dead = this.deadLettered > 0 ? this.deadLettered + " dead-lettered" : "";
            return applied.isEmpty() || dead.isEmpty() ? applied + dead : applied + ", " + dead;
        }
    }
}
