package com.example.hub.messaging.odoo;

import com.example.hub.messaging.topology.HubTopology;
import java.util.Locale;

/** What happened to a product in Odoo. */
public enum ProductEventType {
    PRODUCT_CREATED,
    PRODUCT_UPDATED,
    PRODUCT_DELETED;

    /**
     * The routing key of this type's events on {@code odoo_events_exchange}, such as {@code product.product_updated}.
     *
     * @return the routing key
     */
    public String routingKey() {
        return HubTopology.ODOO_PRODUCT_ROUTING_KEY_PREFIX + name().toLowerCase(Locale.ROOT);
    }
}
