package com.example.hub.odoo;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.odoo.ProductEventType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/** Makes the events of a run, generating the values that were not given. */
@Component
class ProductEventFactory {

    private Instant lastTimestamp = Instant.EPOCH;

    List<ProductEvent> create(ProducerOptions options) {
        List<ProductEvent> events = new ArrayList<>(options.count());
        for (int i = 0; i < options.count(); i++) {
            String productId = options.productId() != null ? options.productId() : generatedProductId();
            ProductEvent.Payload payload = options.eventType() == ProductEventType.PRODUCT_DELETED
                    ? new ProductEvent.Payload(productId, null, null)
                    : new ProductEvent.Payload(
                            productId,
                            options.name() != null ? options.name() : "Product " + productId,
                            options.price() != null ? options.price() : generatedPrice());
            events.add(new ProductEvent("evt-" + UUID.randomUUID(), options.eventType(), nextTimestamp(), payload));
        }
        return events;
    }

    /** Strictly increasing, so that the events of a run about one product keep their order at every subscriber. */
    private synchronized Instant nextTimestamp() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.lastTimestamp = now.isAfter(this.lastTimestamp) ? now : this.lastTimestamp.plus(1, ChronoUnit.MICROS);
        return this.lastTimestamp;
    }

    private static String generatedProductId() {
        return "PROD-" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
    }

    private static BigDecimal generatedPrice() {
        return BigDecimal.valueOf(ThreadLocalRandom.current().nextLong(100, 100_000), 2)
                .setScale(2, RoundingMode.UNNECESSARY);
    }
}
