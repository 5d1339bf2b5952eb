package com.example.hub.odoo;

import com.example.hub.messaging.topology.HubTopology;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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

    /**
     * Reads an event type as a person types it: {@code PRODUCT_UPDATED}, {@code product_updated} or {@code updated}.
     *
     * @param text the event type
     * @return the event type
     * @throws IllegalArgumentException for an unknown event type
     */
    public static ProductEventType parse(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ProductEventType type : values()) {
            if (type.name().equals(name) || type.name().equals("PRODUCT_" + name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown event type '" + text + "': use one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
