package com.example.hub.creatio.odata;

import com.example.hub.creatio.FakeCreatioProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orders, in memory, keyed by GUID, and in the orders log when {@code fake-creatio.orders-log} names one (env
 * {@code FAKE_CREATIO_ORDERS_LOG}): then they survive a restart of the fake. Thread-safe: changes are serialised, so
 * that concurrent look-ups of a new number create one order, not two, and the log has the changes in their order.
 */
@Component
public class Orders {

    private static final Comparator<StoredOrder> BY_NUMBER = Comparator.comparing(
                    StoredOrder::number, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(StoredOrder::id);

    private final ConcurrentMap<UUID, StoredOrder> byId = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private final Map<String, UUID> seed;
    private final Map<String, Object> defaults;
    private final ODataModel model;
    private final OrderStatuses statuses;
    private final OrdersLog log;

    Orders(FakeCreatioProperties properties, ODataModel model, OrderStatuses statuses, JsonMapper jsonMapper) {
        this.log = new OrdersLog(properties.ordersLog(), jsonMapper);
        this.model = model;
        this.statuses = statuses;
        this.seed = properties.seedOrders();
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("StatusId", statuses.initial().id().toString());
        columns.put("Comment", "");
        columns.put("Amount", BigDecimal.ZERO);
        model.order().properties().stream()
                .filter(p -> p.writable()
                        && !columns.containsKey(p.name())
                        && !p.name().equals("Number"))
                .forEach(p -> columns.put(p.name(), ""));
        this.defaults = Map.copyOf(columns);
        seed();
        log.replay(order -> byId.put(order.id(), order), this::removeNumber);
    }

    public Optional<StoredOrder> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The orders with this number, by id. */
    public List<StoredOrder> withNumber(String number) {
        return byId.values().stream()
                .filter(order -> number.equals(order.number()))
                .sorted(BY_NUMBER)
                .toList();
    }

    /** The orders of this number; when there is none, a new one (a new GUID, a new order's columns) is created. */
    public synchronized List<StoredOrder> withNumberCreatingIt(String number) {
        List<StoredOrder> found = withNumber(number);
        return found.isEmpty() ? List.of(create(UUID.randomUUID(), number, Map.of())) : found;
    }

    /** Creates an order: a new order's columns, then these. An order with this id is replaced. */
    public synchronized StoredOrder create(UUID id, String number, Map<String, Object> columns) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("Number", Objects.requireNonNull(number, "number"));
        all.putAll(defaults);
        all.putAll(columns);
        Instant now = now();
        StoredOrder order = new StoredOrder(id, all, now, now);
        byId.put(id, order);
        log.saved(order);
        return order;
    }

    /** Replaces every order of this number with one order of this id and these columns (on a new order's). */
    public synchronized StoredOrder replace(String number, UUID id, Map<String, Object> columns) {
        removeNumber(number);
        log.removed(number);
        return create(id, number, columns);
    }

    /** Merges the columns into the order if it exists. */
    public synchronized Optional<StoredOrder> update(UUID id, Map<String, Object> columns) {
        Instant now = now();
        StoredOrder updated = byId.computeIfPresent(id, (key, existing) -> existing.merge(columns, now));
        if (updated != null) {
            log.saved(updated);
        }
        return Optional.ofNullable(updated);
    }

    /** The orders, by number, then id. */
    public List<StoredOrder> all() {
        return byId.values().stream().sorted(BY_NUMBER).toList();
    }

    /**
     * The order as the test controls show it: its OData entity, with {@code Status} the id and name of its status
     * after {@code StatusId}.
     */
    public Map<String, Object> describe(StoredOrder order) {
        Map<String, Object> described = new LinkedHashMap<>();
        order.toEntity(model.order()).forEach((name, value) -> {
            described.put(name, value);
            if (name.equals("StatusId")) {
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("Id", value);
                status.put(
                        "Name",
                        value == null
                                ? null
                                : statuses.find(UUID.fromString(value.toString()))
                                        .map(OrderStatuses.OrderStatus::name)
                                        .orElse(null));
                described.put("Status", status);
            }
        });
        return described;
    }

    public int count() {
        return byId.size();
    }

    /** Back to the start: the seed orders only, the log emptied. */
    public synchronized void reset() {
        byId.clear();
        log.clear();
        seed();
    }

    private void seed() {
        Instant now = now();
        seed.forEach((number, id) -> {
            Map<String, Object> columns = new LinkedHashMap<>();
            columns.put("Number", number);
            columns.putAll(defaults);
            byId.put(id, new StoredOrder(id, columns, now, now));
        });
    }

    private void removeNumber(String number) {
        byId.values().removeIf(order -> number.equals(order.number()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
