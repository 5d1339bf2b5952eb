package com.example.hub.soindi.product;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A product event of Odoo, in the JSON every Odoo-side client sends (camelCase):
 * {@code {"eventId":"evt-...","eventType":"PRODUCT_UPDATED","timestamp":"2025-05-20T10:00:00Z",
 * "payload":{"productId":"PROD-98765","name":"New Product Name","price":199.99}}}. Unknown fields are ignored.
 *
 * @param eventId unique id of the event: an event is applied at most once
 * @param eventType what happened
 * @param timestamp when it happened in Odoo (ISO-8601; without an offset it is UTC): an event older than what SOINDI
 *     holds is not applied
 * @param payload the product
 */
public record ProductEvent(
        @NotBlank @Size(max = 255) String eventId,
        @NotNull ProductEventType eventType,

        @NotNull @JsonDeserialize(using = OdooTimestampDeserializer.class)
        Instant timestamp,

        @NotNull @Valid Payload payload) {

    /**
     * The product an event is about. Created and updated products carry their name and price; a deleted product only
     * its id.
     *
     * @param productId Odoo's product id
     * @param name the product's name
     * @param price the product's price
     */
    public record Payload(
            @NotBlank @Size(max = 255) String productId,
            @Nullable @Size(max = 1000) String name,

            @Nullable @PositiveOrZero @Digits(integer = 15, fraction = 4)
            BigDecimal price) {}
}
