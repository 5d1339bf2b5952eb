package com.example.hub.odoo;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.publish.PublishException;
import com.example.hub.messaging.topology.HubTopology;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.stereotype.Component;

/**
 * Publishes product events to {@value HubTopology#ODOO_EVENTS_EXCHANGE} without waiting between them, then waits
 * for the broker's confirmation of each. All events of a run go through one channel, so that subscribers get them in
 * the order they were made. When the broker cannot be reached, nothing is sent.
 */
@Component
class ProductEventSender {

    private final MessagePublisher publisher;

    private final RabbitOperations rabbitOperations;

    ProductEventSender(MessagePublisher publisher, RabbitOperations rabbitOperations) {
        this.publisher = publisher;
        this.rabbitOperations = rabbitOperations;
    }

    SendReport send(List<ProductEvent> events) {
        try {
            // the publisher's template uses the channel bound here for every send of the run
            return this.rabbitOperations.invoke(operations -> publishAll(events));
        } catch (AmqpException ex) {
            return SendReport.unreachable(
                    events.size(),
                    new PublishException(
                            PublishException.Reason.UNREACHABLE, "No channel to the broker: " + ex.getMessage(), ex));
        }
    }

    private SendReport publishAll(List<ProductEvent> events) {
        List<CompletableFuture<Void>> confirmations = new ArrayList<>(events.size());
        for (ProductEvent event : events) {
            CompletableFuture<Void> confirmation = this.publisher.send(
                    HubTopology.ODOO_EVENTS_EXCHANGE, event.eventType().routingKey(), event, properties -> {
                        properties.setMessageId(event.eventId());
                        properties.setType(event.eventType().name());
                        properties.setTimestamp(Date.from(event.timestamp()));
                    });
            confirmations.add(confirmation);
            if (confirmation.isCompletedExceptionally()
                    && failureOf(confirmation).reason() == PublishException.Reason.UNREACHABLE) {
                // the message did not even leave (the channel is gone): the events after it would not either
                break;
            }
        }
        List<SendReport.Outcome> outcomes = new ArrayList<>(confirmations.size());
        for (int i = 0; i < confirmations.size(); i++) {
            outcomes.add(new SendReport.Outcome(events.get(i), failureOf(confirmations.get(i))));
        }
        return new SendReport(outcomes, events.size() - confirmations.size(), null);
    }

    private static @Nullable PublishException failureOf(CompletableFuture<Void> confirmation) {
        try {
            // each confirmation times out by itself after hub.messaging.confirm-timeout
            confirmation.get();
            return null;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new PublishException(
                    PublishException.Reason.TIMEOUT, "Interrupted while waiting for the broker's confirmation", ex);
        } catch (ExecutionException | CompletionException ex) {
            if (ex.getCause() instanceof PublishException failure) {
                return failure;
            }
            return new PublishException(
                    PublishException.Reason.UNREACHABLE, "Publishing failed: " + ex.getCause(), ex.getCause());
        }
    }
}
