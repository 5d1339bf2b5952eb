package com.example.hub.soindi.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.odoo.ProductEventType;
import com.example.hub.soindi.SoindiProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A batch applied together has the effect of its events applied one by one, in the same order: the same outcome for
 * each event, the same products, the same records of applied events. Checked over random histories of a few products,
 * with ties of timestamps, deletions, re-creations, stale events and redelivered ones.
 */
@JdbcTest(properties = "spring.datasource.url=jdbc:h2:mem:soindi-store-tests;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({ProductStore.class, ProductStoreTests.Settings.class})
class ProductStoreTests {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @Autowired
    ProductStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meterRegistry;

    private final Map<String, Double> batchesBefore = new HashMap<>();

    @AfterEach
    void empty() {
        this.jdbc.sql("delete from applied_events").update();
        this.jdbc.sql("delete from products").update();
    }

    @BeforeEach
    void countBatchesFromHere() {
        this.batchesBefore.clear();
        for (String applied : List.of("together", "one_by_one")) {
            this.batchesBefore.put(applied, counted(this.meterRegistry, applied));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void aBatchHasTheEffectOfItsEventsAppliedOneByOne(long seed) {
        Random random = new Random(seed);
        List<ProductEvent> history = history(random, 300);
        List<ApplyOutcome> together = new ArrayList<>();
        List<ApplyOutcome> oneByOne = new ArrayList<>();
        int start = 0;
        while (start < history.size()) {
            int end = Math.min(history.size(), start + 1 + random.nextInt(50));
            // the listener hands a batch over in product order, each product's events in the order they came
            List<ProductEvent> batch = new ArrayList<>(history.subList(start, end));
            batch.sort(Comparator.comparing(event -> event.payload().productId()));
            together.addAll(this.store.applyAll(
                    batch.stream().map(event -> renamed(event, "a")).toList()));
            for (ProductEvent event : batch) {
                oneByOne.add(this.store.apply(renamed(event, "b")));
            }
            start = end;
        }

        assertThat(together).isEqualTo(oneByOne).contains(ApplyOutcome.values());
        assertThat(batches("one_by_one")).isZero();
        assertThat(batches("together")).isPositive();
        assertThat(products("a")).isEqualTo(products("b")).isNotEmpty();
        assertThat(appliedEvents("a")).isEqualTo(appliedEvents("b")).hasSizeGreaterThan(200);
    }

    @Test
    void anUpdateThenADeletionInOneBatchKeepTheUpdatedNameAndPrice() {
        ProductEvent created = Events.created("P-1", "Old", "1.00", T0);
        ProductEvent updated = Events.updated("P-1", "New", "2.50", T0.plusSeconds(1));
        ProductEvent deleted = Events.deleted("P-1", T0.plusSeconds(2));
        this.store.apply(created);

        List<ApplyOutcome> outcomes = this.store.applyAll(List.of(updated, deleted, updated));

        assertThat(outcomes).containsExactly(ApplyOutcome.APPLIED, ApplyOutcome.APPLIED, ApplyOutcome.DUPLICATE);
        assertThat(this.store.find("P-1")).hasValueSatisfying(product -> {
            assertThat(product.name()).isEqualTo("New");
            assertThat(product.price()).isEqualTo(new BigDecimal("2.5"));
            assertThat(product.deleted()).isTrue();
            assertThat(product.lastEventId()).isEqualTo(deleted.eventId());
        });
    }

    @Test
    void anEventOlderThanTheProductInABatchIsRecordedAsStaleAndChangesNothing() {
        this.store.apply(Events.created("P-1", "Now", "3", T0.plusSeconds(10)));
        ProductEvent older = Events.updated("P-1", "Before", "2", T0);

        assertThat(this.store.applyAll(List.of(older))).containsExactly(ApplyOutcome.STALE);
        assertThat(this.store.find("P-1"))
                .hasValueSatisfying(product -> assertThat(product.name()).isEqualTo("Now"));
        assertThat(this.store.findAppliedEvent(older.eventId()))
                .hasValueSatisfying(applied -> assertThat(applied.outcome()).isEqualTo(ApplyOutcome.STALE));
    }

    @Test
    void aBatchTheStoreRefusesIsAppliedOneEventAtATimeWhichNamesTheEventItRefuses() {
        List<ProductEvent> events = List.of(
                Events.created("P-1", "One", "1", T0),
                Events.created("P-2", "x".repeat(1001), "2", T0),
                Events.created("P-3", "Three", "3", T0));

        assertThatExceptionOfType(ProductStore.EventsNotAppliedException.class)
                .isThrownBy(() -> this.store.applyAll(events))
                .satisfies(failure -> assertThat(failure.index()).isEqualTo(1));
        assertThat(this.store.findAll()).isEmpty();
        assertThat(batches("together")).isZero();
        assertThat(batches("one_by_one")).isEqualTo(1);
    }

    /** The batches applied together or one by one since the test started. */
    private double batches(String applied) {
        return counted(this.meterRegistry, applied) - this.batchesBefore.get(applied);
    }

    private static double counted(MeterRegistry meterRegistry, String applied) {
        return meterRegistry
                .get("soindi.batches")
                .tag("applied", applied)
                .counter()
                .count();
    }

    /** Events of a few products in random order: creations, updates, deletions, ties, and redeliveries. */
    private static List<ProductEvent> history(Random random, int size) {
        List<ProductEvent> events = new ArrayList<>();
        ProductEventType[] types = ProductEventType.values();
        for (int i = 0; i < size; i++) {
            if (!events.isEmpty() && random.nextInt(10) == 0) {
                events.add(events.get(random.nextInt(events.size())));
                continue;
            }
            String productId = "P-" + random.nextInt(6);
            // few distinct timestamps: ties are decided by the event id
            Instant timestamp = T0.plusSeconds(random.nextInt(40));
            ProductEventType type = types[random.nextInt(types.length)];
            events.add(Events.withId(
                    type == ProductEventType.PRODUCT_DELETED
                            ? Events.deleted(productId, timestamp)
                            : Events.event(type, productId, "Name " + i, (i % 97) + "." + (i % 10), timestamp),
                    "evt-" + String.format("%04d", random.nextInt(10_000)) + "-" + i));
        }
        return events;
    }

    /** The same event, under another product id and event id, so that two copies of a history can share a store. */
    private static ProductEvent renamed(ProductEvent event, String copy) {
        ProductEvent.Payload payload = event.payload();
        return new ProductEvent(
                copy + "-" + event.eventId(),
                event.eventType(),
                event.timestamp(),
                new ProductEvent.Payload(copy + "-" + payload.productId(), payload.name(), payload.price()));
    }

    private List<String> products(String copy) {
        return this.jdbc
                .sql("select product_id, name, price, deleted, last_event_id, last_event_timestamp from products"
                        + " where product_id like :copy order by product_id")
                .param("copy", copy + "-%")
                .query((rs, row) -> String.join(
                        "|",
                        rs.getString("product_id").substring(2),
                        rs.getString("name"),
                        String.valueOf(rs.getBigDecimal("price")),
                        String.valueOf(rs.getBoolean("deleted")),
                        rs.getString("last_event_id").substring(2),
                        String.valueOf(rs.getObject("last_event_timestamp"))))
                .list();
    }

    private List<String> appliedEvents(String copy) {
        return this.jdbc
                .sql("select event_id, event_type, product_id, event_timestamp, outcome from applied_events"
                        + " where event_id like :copy order by event_id")
                .param("copy", copy + "-%")
                .query((rs, row) -> String.join(
                        "|",
                        rs.getString("event_id").substring(2),
                        rs.getString("event_type"),
                        rs.getString("product_id").substring(2),
                        String.valueOf(rs.getObject("event_timestamp")),
                        rs.getString("outcome")))
                .list();
    }

    static class Settings {

        @Bean
        SoindiProperties soindiProperties() {
            return new SoindiProperties("store-tests", 50, Duration.ofMillis(100));
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
