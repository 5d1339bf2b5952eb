package com.example.hub.soindi.product;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.odoo.ProductEventType;
import com.example.hub.soindi.SoindiProperties;
import com.example.hub.soindi.product.ProductBatch.ProductRow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SOINDI's legacy store of products, in a database that several SOINDI instances share (H2 or PostgreSQL).
 *
 * <p>Applying an event inserts its id into {@code applied_events} in the same transaction that changes the product:
 * an event is applied at most once, whichever instance gets it and however often it is delivered. The product's row
 * is locked while an event is applied, and an event older than the one that last changed the product (by timestamp,
 * then by event id) leaves the product as it is: events may arrive in any order.
 */
@Repository
class ProductStore {

    private static final Logger logger = LoggerFactory.getLogger(ProductStore.class);

    private static final String INSERT_PRODUCT = """
            insert into products (product_id, name, price, deleted, last_event_id, last_event_timestamp, updated_at)
            values (:productId, :name, :price, :deleted, :eventId, :eventTimestamp, :updatedAt)
            """;

    private static final String UPDATE_PRODUCT = """
            update products
            set name = :name, price = :price, deleted = :deleted, last_event_id = :eventId,
                last_event_timestamp = :eventTimestamp, updated_at = :updatedAt
            where product_id = :productId
            """;

    private static final String SELECT_PRODUCT_ROWS =
            "select product_id, name, price, deleted, last_event_id, last_event_timestamp from products"
                    + " where product_id in (:productIds)";

    private static final String INSERT_APPLIED_EVENT = """
            insert into applied_events
                (event_id, event_type, product_id, event_timestamp, outcome, instance_id, applied_at)
            values (:eventId, :eventType, :productId, :eventTimestamp, :outcome, :instanceId, :appliedAt)
            """;

    private final JdbcClient jdbc;

    private final NamedParameterJdbcOperations batches;

    private final TransactionTemplate transaction;

    private final TransactionTemplate savepoint;

    private final String instanceId;

    private final Counter appliedTogether;

    private final Counter appliedOneByOne;

    ProductStore(
            NamedParameterJdbcOperations jdbc,
            PlatformTransactionManager transactionManager,
            SoindiProperties properties,
            MeterRegistry meterRegistry) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batches = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.instanceId = properties.instanceId();
        // how often a batch had to be applied event by event: now and then when instances share products, always
        // when the store keeps failing
        this.appliedTogether = Counter.builder("soindi.batches")
                .description("Batches of events applied in one transaction, together or (after that failed) one by one")
                .tag("applied", "together")
                .register(meterRegistry);
        this.appliedOneByOne = Counter.builder("soindi.batches")
                .description("Batches of events applied in one transaction, together or (after that failed) one by one")
                .tag("applied", "one_by_one")
                .register(meterRegistry);
    }

    /**
     * Applies an event, at most once.
     *
     * @param event a valid event
     * @return what it did
     */
    ApplyOutcome apply(ProductEvent event) {
        return this.transaction.execute(status -> applyInTransaction(event));
    }

    /**
     * Applies events in one transaction, each at most once: all of them or, when one fails, none. The events are
     * applied together (one query that locks their products, one write per product, one batch of {@code
     * applied_events} rows); when that fails, because of one of the events or because another instance applied the same
     * products meanwhile, they are applied again one by one in a new transaction, each insert in a savepoint, which names
     * the event that fails.
     *
     * @param events valid events, in product order (the products are locked in that order)
     * @return what it did with each, in their order
     * @throws EventsNotAppliedException when the transaction failed, with the event that made it fail
     */
    List<ApplyOutcome> applyAll(List<ProductEvent> events) {
        try {
            List<ApplyOutcome> outcomes = this.transaction.execute(status -> applyTogether(events));
            this.appliedTogether.increment();
            return outcomes;
        } catch (RuntimeException together) {
            logger.debug(
                    "A batch of {} event(s) failed together ({}), applying them one by one",
                    events.size(),
                    together.toString());
        }
        this.appliedOneByOne.increment();
        try {
            return this.transaction.execute(status -> {
                List<ApplyOutcome> outcomes = new ArrayList<>(events.size());
                for (int i = 0; i < events.size(); i++) {
                    try {
                        outcomes.add(applyInTransaction(events.get(i)));
                    } catch (RuntimeException ex) {
                        throw new EventsNotAppliedException(i, ex);
                    }
                }
                return outcomes;
            });
        } catch (EventsNotAppliedException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new EventsNotAppliedException(-1, ex);
        }
    }

    /**
     * Applies a batch with few statements. The products are read first without locks, and the batch's effect worked
     * out from them; then they are locked in product order, as applying the events one at a time would lock them (so
     * that instances that apply batches of the same products never wait for each other in a cycle): each run of
     * existing products with one query, each new product by inserting it. A product that another instance changed or
     * created in between fails the batch, which is then applied one event at a time.
     */
    private List<ApplyOutcome> applyTogether(List<ProductEvent> events) {
        Set<String> eventIds = new TreeSet<>();
        SortedSet<String> productIds = new TreeSet<>();
        for (ProductEvent event : events) {
            eventIds.add(event.eventId());
            productIds.add(event.payload().productId());
        }
        Map<String, ProductRow> products = new HashMap<>();
        this.jdbc
                .sql(SELECT_PRODUCT_ROWS)
                .param("productIds", productIds)
                .query(ProductStore::productRow)
                .list()
                .forEach(row -> products.put(row.productId(), row));
        Set<String> appliedBefore = new HashSet<>(this.jdbc
                .sql("select event_id from applied_events where event_id in (:eventIds)")
                .param("eventIds", eventIds)
                .query(String.class)
                .list());
        ProductBatch batch = ProductBatch.of(events, products, appliedBefore);
        OffsetDateTime now = utc(Instant.now().truncatedTo(ChronoUnit.MICROS));
        Map<String, ProductRow> created = new HashMap<>();
        batch.inserts().forEach(row -> created.put(row.productId(), row));
        List<String> existing = new ArrayList<>();
        for (String productId : productIds) {
            ProductRow row = created.get(productId);
            if (row == null) {
                existing.add(productId);
            } else {
                lockUnchanged(existing, products);
                existing.clear();
                this.batches.update(INSERT_PRODUCT, productParameters(row, now));
            }
        }
        lockUnchanged(existing, products);
        this.batches.batchUpdate(UPDATE_PRODUCT, productParameters(batch.updates(), now));
        this.batches.batchUpdate(
                INSERT_APPLIED_EVENT,
                batch.appliedEvents().stream()
                        .map(row -> appliedEventParameters(row.event(), row.timestamp(), now, row.outcome()))
                        .toArray(SqlParameterSource[]::new));
        return batch.outcomes();
    }

    /** Locks existing products, which must still be as they were read. */
    private void lockUnchanged(List<String> productIds, Map<String, ProductRow> read) {
        if (productIds.isEmpty()) {
            return;
        }
        List<ProductRow> locked = this.jdbc
                .sql(SELECT_PRODUCT_ROWS + " order by product_id for update")
                .param("productIds", productIds)
                .query(ProductStore::productRow)
                .list();
        if (locked.size() != productIds.size()
                || !locked.stream().allMatch(row -> row.equals(read.get(row.productId())))) {
            throw new ConcurrencyFailureException(
                    "Products " + productIds + " were changed by another instance while the batch was read");
        }
    }

    private static SqlParameterSource[] productParameters(Collection<ProductRow> rows, OffsetDateTime now) {
        return rows.stream().map(row -> productParameters(row, now)).toArray(SqlParameterSource[]::new);
    }

    private static MapSqlParameterSource productParameters(ProductRow row, OffsetDateTime now) {
        return new MapSqlParameterSource()
                .addValue("productId", row.productId())
                .addValue("name", row.name())
                .addValue("price", row.price())
                .addValue("deleted", row.deleted())
                .addValue("eventId", row.lastEventId())
                .addValue("eventTimestamp", utc(row.lastEventTimestamp()))
                .addValue("updatedAt", now);
    }

    private MapSqlParameterSource appliedEventParameters(
            ProductEvent event, Instant timestamp, OffsetDateTime now, ApplyOutcome outcome) {
        return new MapSqlParameterSource()
                .addValue("eventId", event.eventId())
                .addValue("eventType", event.eventType().name())
                .addValue("productId", event.payload().productId())
                .addValue("eventTimestamp", utc(timestamp))
                .addValue("outcome", outcome.name())
                .addValue("instanceId", this.instanceId)
                .addValue("appliedAt", now);
    }

    /**
     * Applies an event in the current transaction. The product's row is locked (or created) before the event's row
     * is inserted, so that whoever applies an event of a product holds the product: two transactions that apply
     * events of the same products in the same order never wait for each other in a cycle.
     */
    private ApplyOutcome applyInTransaction(ProductEvent event) {
        Instant timestamp = ProductBatch.timestamp(event);
        OffsetDateTime now = utc(Instant.now().truncatedTo(ChronoUnit.MICROS));
        String productId = event.payload().productId();
        ProductRow current = lockProduct(productId);
        if (current == null) {
            ProductRow created = ProductRow.created(event, timestamp);
            if (insertedUnlessPresent(() -> this.batches.update(INSERT_PRODUCT, productParameters(created, now)))) {
                if (!insertedUnlessPresent(() -> insertAppliedEvent(event, timestamp, now, ApplyOutcome.APPLIED))) {
                    throw new IllegalStateException("Event " + event.eventId() + " is recorded as applied, but its"
                            + " product " + productId + " was missing");
                }
                return ApplyOutcome.APPLIED;
            }
            // another instance created the product meanwhile
            current = lockProduct(productId);
            if (current == null) {
                throw new IllegalStateException("Product " + productId + " was created concurrently but is missing");
            }
        }
        ApplyOutcome outcome =
                current.isOlderThan(timestamp, event.eventId()) ? ApplyOutcome.APPLIED : ApplyOutcome.STALE;
        if (!insertedUnlessPresent(() -> insertAppliedEvent(event, timestamp, now, outcome))) {
            return ApplyOutcome.DUPLICATE;
        }
        if (outcome == ApplyOutcome.APPLIED) {
            this.batches.update(UPDATE_PRODUCT, productParameters(current.changedBy(event, timestamp), now));
        }
        return outcome;
    }

    private void insertAppliedEvent(ProductEvent event, Instant timestamp, OffsetDateTime now, ApplyOutcome outcome) {
        this.batches.update(INSERT_APPLIED_EVENT, appliedEventParameters(event, timestamp, now, outcome));
    }

    /** Runs an insert in a savepoint: a conflicting row rolls back only the insert, not the transaction. */
    private boolean insertedUnlessPresent(Runnable insert) {
        try {
            this.savepoint.executeWithoutResult(status -> insert.run());
            return true;
        } catch (DuplicateKeyException ex) {
            return false;
        }
    }

    private @Nullable ProductRow lockProduct(String productId) {
        return this.jdbc
                .sql(SELECT_PRODUCT_ROWS + " for update")
                .param("productIds", List.of(productId))
                .query(ProductStore::productRow)
                .optional()
                .orElse(null);
    }

    Optional<Product> find(String productId) {
        return this.jdbc
                .sql("select * from products where product_id = :productId")
                .param("productId", productId)
                .query(ProductStore::product)
                .optional();
    }

    List<Product> findAll() {
        return this.jdbc
                .sql("select * from products order by product_id")
                .query(ProductStore::product)
                .list();
    }

    Optional<AppliedEvent> findAppliedEvent(String eventId) {
        return this.jdbc
                .sql("select * from applied_events where event_id = :eventId")
                .param("eventId", eventId)
                .query(ProductStore::appliedEvent)
                .optional();
    }

    /**
     * Removes the records of events applied before a time, at most a batch of them, oldest first
     * ({@link AppliedEventsRetention}). Products keep their last event, by which an older event is still recognised.
     *
     * @param before the time
     * @param batchSize how many at most
     * @return how many were removed
     */
    int deleteAppliedEventsBefore(Instant before, int batchSize) {
        return this.jdbc
                .sql("delete from applied_events where event_id in (select event_id from applied_events"
                        + " where applied_at < :before order by applied_at limit :batchSize)")
                .param("before", utc(before))
                .param("batchSize", batchSize)
                .update();
    }

    private static ProductRow productRow(ResultSet rs, int row) throws SQLException {
        return new ProductRow(
                rs.getString("product_id"),
                rs.getString("name"),
                rs.getBigDecimal("price"),
                rs.getBoolean("deleted"),
                rs.getString("last_event_id"),
                rs.getObject("last_event_timestamp", OffsetDateTime.class).toInstant());
    }

    private static Product product(ResultSet rs, int row) throws SQLException {
        return new Product(
                rs.getString("product_id"),
                rs.getString("name"),
                plain(rs.getBigDecimal("price")),
                rs.getBoolean("deleted"),
                rs.getString("last_event_id"),
                rs.getObject("last_event_timestamp", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static AppliedEvent appliedEvent(ResultSet rs, int row) throws SQLException {
        return new AppliedEvent(
                rs.getString("event_id"),
                ProductEventType.valueOf(rs.getString("event_type")),
                rs.getString("product_id"),
                rs.getObject("event_timestamp", OffsetDateTime.class).toInstant(),
                ApplyOutcome.valueOf(rs.getString("outcome")),
                rs.getString("instance_id"),
                rs.getObject("applied_at", OffsetDateTime.class).toInstant());
    }

    /** 199.9900 as stored becomes 199.99 again, and 200.0000 becomes 200. */
    private static @Nullable BigDecimal plain(@Nullable BigDecimal price) {
        if (price == null) {
            return null;
        }
        BigDecimal stripped = price.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A transaction of several events failed, and none of them was applied. */
    static final class EventsNotAppliedException extends RuntimeException {

        private final int index;

        EventsNotAppliedException(int index, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.index = index;
        }

        /** The event whose statements failed, or -1 when the transaction itself failed (such as its commit). */
        int index() {
            return this.index;
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }
}
