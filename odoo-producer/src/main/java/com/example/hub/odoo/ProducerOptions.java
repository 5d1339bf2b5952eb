package com.example.hub.odoo;

import com.example.hub.messaging.odoo.ProductEventType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;

/**
 * What to publish, from the command line: {@code --count=N}, {@code --event-type=}, {@code --product-id=},
 * {@code --name=}, {@code --price=}; a value not given is generated.
 *
 * @param count how many events to publish
 * @param eventType the type of every event
 * @param productId the product of every event, or {@code null} for a generated product per event
 * @param name the product name, or {@code null} for a generated one
 * @param price the price, or {@code null} for a generated one
 * @param help whether only the usage was asked for
 */
record ProducerOptions(
        int count,
        ProductEventType eventType,
        @Nullable String productId,
        @Nullable String name,
        @Nullable BigDecimal price,
        boolean help) {

    static final String USAGE = """
            Usage: java -jar odoo-producer.jar [--count=N] [--event-type=PRODUCT_CREATED|PRODUCT_UPDATED|PRODUCT_DELETED]
                                               [--product-id=ID] [--name=NAME] [--price=PRICE]
              Publishes N (default 1) product events to odoo_events_exchange with routing key product.<event type>,
              waits for the broker to confirm each, and exits 0 when all were confirmed, 1 otherwise, 2 for invalid
              arguments. Values not given are generated. The broker comes from RABBITMQ_HOST, RABBITMQ_PORT,
              RABBITMQ_USERNAME, RABBITMQ_PASSWORD and RABBITMQ_VHOST.""";

    /**
     * Reads the options of a run.
     *
     * @param args the application's arguments
     * @return the options
     * @throws IllegalArgumentException when an option is invalid
     */
    static ProducerOptions from(ApplicationArguments args) {
        int count = parseCount(single(args, "count"));
        String eventTypeText = single(args, "event-type");
        ProductEventType eventType =
                eventTypeText != null ? parseEventType(eventTypeText) : ProductEventType.PRODUCT_UPDATED;
        String productId = single(args, "product-id");
        if (productId != null && productId.isBlank()) {
            throw new IllegalArgumentException("--product-id must not be blank");
        }
        return new ProducerOptions(
                count,
                eventType,
                productId,
                single(args, "name"),
                parsePrice(single(args, "price")),
                args.containsOption("help"));
    }

    private static @Nullable String single(ApplicationArguments args, String option) {
        List<String> values = args.getOptionValues(option);
        if (values == null) {
            return null;
        }
        if (values.size() != 1) {
            throw new IllegalArgumentException("--" + option + " takes exactly one value, as --" + option + "=VALUE");
        }
        return values.get(0);
    }

    /**
     * Reads an event type as a person types it: {@code PRODUCT_UPDATED}, {@code product_updated} or {@code updated}.
     *
     * @param text the event type
     * @return the event type
     * @throws IllegalArgumentException for an unknown event type
     */
    private static ProductEventType parseEventType(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ProductEventType type : ProductEventType.values()) {
            if (type.name().equals(name) || type.name().equals("PRODUCT_" + name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown event type '" + text + "': use one of "
                + Arrays.stream(ProductEventType.values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    private static int parseCount(@Nullable String text) {
        if (text == null) {
            return 1;
        }
        try {
            int count = Integer.parseInt(text.strip());
            if (count < 1) {
                throw new IllegalArgumentException("--count must be at least 1, not " + count);
            }
            return count;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--count must be a whole number, not '" + text + "'", ex);
        }
    }

    private static @Nullable BigDecimal parsePrice(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            BigDecimal price = new BigDecimal(text.strip());
            if (price.signum() < 0) {
                throw new IllegalArgumentException("--price must not be negative, not " + text);
            }
            return price;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--price must be a decimal number, not '" + text + "'", ex);
        }
    }
}
