package com.example.hub.system.fault;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A product event as Odoo publishes it to {@code odoo_events_exchange}, and whether the broker confirmed it.
 *
 * @param eventId its unique id, also its AMQP message id
 * @param productId its product
 * @param timestamp when it happened in Odoo; a product's later events have later timestamps
 * @param confirmed whether the broker confirmed it
 */
record OdooEvent(String eventId, String productId, Instant timestamp, boolean confirmed) {

    static final String EXCHANGE = "odoo_events_exchange";

    static final String ROUTING_KEY = "product.product_updated";

    OdooEvent withConfirmed(boolean isConfirmed) {
        return new OdooEvent(this.eventId, this.productId, this.timestamp, isConfirmed);
    }

    /** Its JSON, as every Odoo-side client sends it. */
    Map<String, Object> json() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("productId", this.productId);
        payload.put("name", "Product " + this.productId + " as of " + this.eventId);
        payload.put("price", BigDecimal.valueOf(Math.abs(this.eventId.hashCode() % 100_000), 2));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", this.eventId);
        event.put("eventType", "PRODUCT_UPDATED");
        event.put("timestamp", this.timestamp.toString());
        event.put("payload", payload);
        return event;
    }
}
