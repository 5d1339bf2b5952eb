package com.example.hub.soindi.product;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A product as SOINDI holds it.
 *
 * @param productId Odoo's product id
 * @param name its name ({@code null} for a product SOINDI only knows as deleted)
 * @param price its price
 * @param deleted whether it was deleted in Odoo
 * @param lastEventId the event that last changed it
 * @param lastEventTimestamp when that event happened in Odoo
 * @param updatedAt when SOINDI applied that event
 */
record Product(
        String productId,
        @Nullable String name,
        @Nullable BigDecimal price,
        boolean deleted,
        String lastEventId,
        Instant lastEventTimestamp,
        Instant updatedAt) {}
