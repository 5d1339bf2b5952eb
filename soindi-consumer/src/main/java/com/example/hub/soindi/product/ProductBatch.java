package com.example.hub.soindi.product;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.odoo.ProductEventType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a batch of events does to the products it touches, worked out in memory from the products' rows as the batch's
 * transaction locked them: each event's outcome, as applying the events one by one in their order would have it, and
 * then one write per product (its row after the batch) and one row per event in {@code applied_events}.
 */
final class ProductBatch {

    private final List<ApplyOutcome> outcomes;

    private final List<AppliedRow> appliedEvents;

    private final Map<String, ProductRow> inserts = new LinkedHashMap<>();

    private final Map<String, ProductRow> updates = new LinkedHashMap<>();

    private ProductBatch(int size) {
        this.outcomes = new ArrayList<>(size);
        this.appliedEvents = new ArrayList<>(size);
    }

    /**
     * Works out a batch.
     *
     * @param events the batch's valid events, in the order they are to be applied
     * @param products the rows of the products the events name that exist, by product id, locked
     * @param appliedBefore the ids of the events of the batch that were applied before
     * @return the batch's effect
     */
    static ProductBatch of(List<ProductEvent> events, Map<String, ProductRow> products, Set<String> appliedBefore) {
        ProductBatch batch = new ProductBatch(events.size());
        Map<String, ProductRow> current = new LinkedHashMap<>(products);
        Set<String> applied = new HashSet<>(appliedBefore);
        for (ProductEvent event : events) {
            Instant timestamp = timestamp(event);
            String productId = event.payload().productId();
            if (!applied.add(event.eventId())) {
                batch.outcomes.add(ApplyOutcome.DUPLICATE);
                continue;
            }
            ProductRow row = current.get(productId);
            ApplyOutcome outcome;
            if (row == null) {
                outcome = ApplyOutcome.APPLIED;
                ProductRow created = ProductRow.created(event, timestamp);
                current.put(productId, created);
                batch.inserts.put(productId, created);
            } else if (row.isOlderThan(timestamp, event.eventId())) {
                outcome = ApplyOutcome.APPLIED;
                ProductRow changed = row.changedBy(event, timestamp);
                current.put(productId, changed);
                (batch.inserts.containsKey(productId) ? batch.inserts : batch.updates).put(productId, changed);
            } else {
                outcome = ApplyOutcome.STALE;
            }
            batch.outcomes.add(outcome);
            batch.appliedEvents.add(new AppliedRow(event, timestamp, outcome));
        }
        return batch;
    }

    /** An event's timestamp as the store keeps it, to the microsecond. */
    static Instant timestamp(ProductEvent event) {
        return event.timestamp().truncatedTo(ChronoUnit.MICROS);
    }

    /** Each event's outcome, in the batch's order. */
    List<ApplyOutcome> outcomes() {
        return this.outcomes;
    }

    /** The rows of {@code applied_events} to insert: every event but the duplicates. */
    List<AppliedRow> appliedEvents() {
        return this.appliedEvents;
    }

    /** The products the batch creates, as they are after it. */
    Collection<ProductRow> inserts() {
        return this.inserts.values();
    }

    /** The products that existed and that the batch changes, as they are after it. */
    Collection<ProductRow> updates() {
        return this.updates.values();
    }

    /** A product's row. */
    record ProductRow(
            String productId,
            @Nullable String name,
            @Nullable BigDecimal price,
            boolean deleted,
            String lastEventId,
            Instant lastEventTimestamp) {

        /** A product as its first event creates it: a deletion creates it deleted, without a name or price. */
        static ProductRow created(ProductEvent event, Instant timestamp) {
            boolean deleted = event.eventType() == ProductEventType.PRODUCT_DELETED;
            return new ProductRow(
                    event.payload().productId(),
                    deleted ? null : event.payload().name(),
                    deleted ? null : event.payload().price(),
                    deleted,
                    event.eventId(),
                    timestamp);
        }

        /** The product after a newer event: a deletion keeps its name and price, any other event sets them. */
        ProductRow changedBy(ProductEvent event, Instant timestamp) {
            if (event.eventType() == ProductEventType.PRODUCT_DELETED) {
                return new ProductRow(this.productId, this.name, this.price, true, event.eventId(), timestamp);
            }
            return new ProductRow(
                    this.productId, event.payload().name(), event.payload().price(), false, event.eventId(), timestamp);
        }

        /** Whether an event is newer than the one that last changed this product: by timestamp, then by event id. */
        boolean isOlderThan(Instant timestamp, String eventId) {
            int byTime = this.lastEventTimestamp.compareTo(timestamp);
            return byTime < 0 || (byTime == 0 && this.lastEventId.compareTo(eventId) < 0);
        }
    }

    /** A row of {@code applied_events}. */
    record AppliedRow(ProductEvent event, Instant timestamp, ApplyOutcome outcome) {}
}
