package com.example.hub.creatio.odata;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** The orders, in memory. Thread-safe: every change is one atomic step on one order. */
@Component
public class Orders {

    private final ConcurrentMap<String, StoredOrder> byId = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public Optional<StoredOrder> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Merges the fields into the order, creating it if it does not exist. */
    public StoredOrder upsert(String id, Map<String, Object> fields) {
        Instant now = now();
        return byId.compute(
                id,
                (key, existing) ->
                        existing == null ? new StoredOrder(key, fields, now, now) : existing.merge(fields, now));
    }

    /** Merges the fields into the order if it exists. */
    public Optional<StoredOrder> update(String id, Map<String, Object> fields) {
        Instant now = now();
        return Optional.ofNullable(byId.computeIfPresent(id, (key, existing) -> existing.merge(fields, now)));
    }

    /** Creates or replaces the order with exactly these fields. */
    public StoredOrder replace(String id, Map<String, Object> fields) {
        Instant now = now();
        StoredOrder order = new StoredOrder(id, fields, now, now);
        byId.put(id, order);
        return order;
    }

    public List<StoredOrder> all() {
        return byId.values().stream()
                .sorted(Comparator.comparing(StoredOrder::id))
                .toList();
    }

    public int count() {
        return byId.size();
    }

    public void clear() {
        byId.clear();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
