package com.example.hub.soindi.product;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.odoo.ProductEventType;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Product events for tests, and the ways Odoo's clients publish them. */
final class Events {

    private Events() {}

    static ProductEvent updated(String productId, String name, String price, Instant timestamp) {
        return event(ProductEventType.PRODUCT_UPDATED, productId, name, price, timestamp);
    }

    static ProductEvent created(String productId, String name, String price, Instant timestamp) {
        return event(ProductEventType.PRODUCT_CREATED, productId, name, price, timestamp);
    }

    static ProductEvent deleted(String productId, Instant timestamp) {
        return new ProductEvent(
                "evt-" + UUID.randomUUID(),
                ProductEventType.PRODUCT_DELETED,
                timestamp,
                new ProductEvent.Payload(productId, null, null));
    }

    static ProductEvent event(ProductEventType type, String productId, String name, String price, Instant timestamp) {
        return new ProductEvent(
                "evt-" + UUID.randomUUID(),
                type,
                timestamp,
                new ProductEvent.Payload(productId, name, new BigDecimal(price)));
    }

    static ProductEvent withId(ProductEvent event, String eventId) {
        return new ProductEvent(eventId, event.eventType(), event.timestamp(), event.payload());
    }

    /** Publishes an event as the Odoo producer does, and waits for the broker's confirmation. */
    static void publish(MessagePublisher publisher, ProductEvent event) {
        publishAsync(publisher, event).join();
    }

    static CompletableFuture<Void> publishAsync(MessagePublisher publisher, ProductEvent event) {
        return publisher.send(
                HubTopology.ODOO_EVENTS_EXCHANGE, event.eventType().routingKey(), event, properties -> {
                    properties.setMessageId(event.eventId());
                    properties.setType(event.eventType().name());
                    properties.setTimestamp(Date.from(event.timestamp()));
                });
    }

    static void publishAll(MessagePublisher publisher, List<ProductEvent> events) {
        CompletableFuture.allOf(events.stream()
                        .map(event -> publishAsync(publisher, event))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    /** Sends a JSON text as it is, as a client in another language may. */
    static void sendJson(RabbitTemplate rabbitTemplate, String routingKey, String json) {
        Message message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .build();
        rabbitTemplate.send(HubTopology.ODOO_EVENTS_EXCHANGE, routingKey, message);
    }
}
