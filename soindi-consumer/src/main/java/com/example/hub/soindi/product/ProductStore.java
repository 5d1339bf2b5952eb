package com.example.hub.soindi.product;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.odoo.ProductEventType;
import com.example.hub.soindi.SoindiProperties;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
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

    private final JdbcClient jdbc;

    private final TransactionTemplate transaction;

    private final TransactionTemplate savepoint;

    private final String instanceId;

    ProductStore(JdbcClient jdbc, PlatformTransactionManager transactionManager, SoindiProperties properties) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.instanceId = properties.instanceId();
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
     * Applies events in one transaction, each at most once: all of them or, when one fails, none.
     *
     * @param events valid events
     * @return what it did with each, in their order
     * @throws EventsNotAppliedException when the transaction failed, with the event that made it fail
     */
    List<ApplyOutcome> applyAll(List<ProductEvent> events) {
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
     * Applies an event in the current transaction. The product's row is locked (or created) before the event's row
     * is inserted, so that whoever applies an event of a product holds the product: two transactions that apply
     * events of the same products in the same order never wait for each other in a cycle.
     */
    private ApplyOutcome applyInTransaction(ProductEvent event) {
        Instant timestamp = event.timestamp().truncatedTo(ChronoUnit.MICROS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String productId = event.payload().productId();
        Version current = lockProduct(productId);
        if (current == null) {
            if (insertedUnlessPresent(() -> insertProduct(event, timestamp, now))) {
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
            updateProduct(event, timestamp, now);
        }
        return outcome;
    }

    private void insertAppliedEvent(ProductEvent event, Instant timestamp, Instant now, ApplyOutcome outcome) {
        this.jdbc
                .sql("""
                        insert into applied_events
                            (event_id, event_type, product_id, event_timestamp, outcome, instance_id, applied_at)
                        values (:eventId, :eventType, :productId, :eventTimestamp, :outcome, :instanceId, :appliedAt)
                        """)
                .param("eventId", event.eventId())
                .param("eventType", event.eventType().name())
                .param("productId", event.payload().productId())
                .param("eventTimestamp", utc(timestamp))
                .param("outcome", outcome.name())
                .param("instanceId", this.instanceId)
                .param("appliedAt", utc(now))
                .update();
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

    private @Nullable Version lockProduct(String productId) {
        return this.jdbc
                .sql("select last_event_id, last_event_timestamp from products where product_id = :productId"
                        + " for update")
                .param("productId", productId)
                .query((rs, row) -> new Version(
                        rs.getString("last_event_id"),
                        rs.getObject("last_event_timestamp", OffsetDateTime.class)
                                .toInstant()))
                .optional()
                .orElse(null);
    }

    private void insertProduct(ProductEvent event, Instant timestamp, Instant now) {
        boolean deleted = event.eventType() == ProductEventType.PRODUCT_DELETED;
        this.jdbc
                .sql("""
                        insert into products
                            (product_id, name, price, deleted, last_event_id, last_event_timestamp, updated_at)
                        values (:productId, :name, :price, :deleted, :eventId, :eventTimestamp, :updatedAt)
                        """)
                .param("productId", event.payload().productId())
                .param("name", deleted ? null : event.payload().name())
                .param("price", deleted ? null : event.payload().price())
                .param("deleted", deleted)
                .param("eventId", event.eventId())
                .param("eventTimestamp", utc(timestamp))
                .param("updatedAt", utc(now))
                .update();
    }

    private void updateProduct(ProductEvent event, Instant timestamp, Instant now) {
        String sql = event.eventType() == ProductEventType.PRODUCT_DELETED ? """
                        update products
                        set deleted = true, last_event_id = :eventId, last_event_timestamp = :eventTimestamp,
                            updated_at = :updatedAt
                        where product_id = :productId
                        """ : """
                        update products
                        set name = :name, price = :price, deleted = false, last_event_id = :eventId,
                            last_event_timestamp = :eventTimestamp, updated_at = :updatedAt
                        where product_id = :productId
                        """;
        JdbcClient.StatementSpec statement = this.jdbc
                .sql(sql)
                .param("productId", event.payload().productId())
                .param("eventId", event.eventId())
                .param("eventTimestamp", utc(timestamp))
                .param("updatedAt", utc(now));
        if (event.eventType() != ProductEventType.PRODUCT_DELETED) {
            statement = statement
                    .param("name", event.payload().name())
                    .param("price", event.payload().price());
        }
        statement.update();
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

    /** Which event last changed a product. */
    private record Version(String lastEventId, Instant lastEventTimestamp) {

        /** Whether an event is newer than this version: by timestamp, and by event id for equal timestamps. */
        boolean isOlderThan(Instant timestamp, String eventId) {
            int byTime = this.lastEventTimestamp.compareTo(timestamp);
            return byTime < 0 || (byTime == 0 && this.lastEventId.compareTo(eventId) < 0);
        }
    }
}
