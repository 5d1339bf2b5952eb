package com.example.hub.messaging.odoo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A product event of Odoo, in the JSON every Odoo-side client sends (camelCase, unlike the hub's envelopes):
 * {@code {"eventId":"evt-...","eventType":"PRODUCT_UPDATED","timestamp":"2025-05-20T10:00:00Z",
 * "payload":{"productId":"PROD-98765","name":"New Product Name","price":199.99}}}. Events are published to
 * {@code odoo_events_exchange} with the routing key {@link ProductEventType#routingKey()} and the event id as AMQP
 * message id. What a subscriber requires of an event beyond its JSON shape is that subscriber's to check.
 *
 * @param eventId unique id of the event, also its AMQP message id
 * @param eventType what happened
 * @param timestamp when it happened in Odoo (ISO-8601; read with {@code Z}, with an offset, or without one, which
 *     means UTC)
 * @param payload the product
 */
public record ProductEvent(
        String eventId,
        ProductEventType eventType,

        @JsonDeserialize(using = OdooTimestampDeserializer.class)
        Instant timestamp,

        Payload payload) {

    /**
     * The product an event is about. Created and updated products carry their name and price; a deleted product only
     * its id.
     *
     * @param productId Odoo's product id
     * @param name the product's name
     * @param price the product's price
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payload(
            String productId,
            @Nullable String name,
            @Nullable BigDecimal price) {}
}
