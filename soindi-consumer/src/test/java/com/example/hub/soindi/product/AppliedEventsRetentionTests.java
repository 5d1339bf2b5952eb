package com.example.hub.soindi.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SOINDI removes its records of events applied more than {@code soindi.retention.applied-events} ago (30 days by
 * default) on a schedule; a product keeps its last event, so an event redelivered after its record was removed is
 * still not applied again. A retention shorter than a day is refused.
 */
class AppliedEventsRetentionTests {

    @Test
    void recordsOlderThanTheRetentionAreRemovedAndTheirEventsAreStillNotAppliedAgain(@TempDir Path dataDirectory) {
        TestBroker broker = TestBroker.get();
        String virtualHost = broker.newVirtualHost("soindi-retention");
        try (SoindiInstance soindi = SoindiInstance.start(
                broker,
                virtualHost,
                null,
                "retention",
                "--SOINDI_DATA_DIR=" + dataDirectory,
                "--soindi.retention.interval=200ms")) {
            ProductEvent old =
                    Events.created("PROD-OLD", "Old", "1.50", Instant.now().minusSeconds(60));
            ProductEvent recent = Events.created("PROD-NEW", "New", "2.50", Instant.now());
            Events.publish(soindi.publisher(), old);
            Events.publish(soindi.publisher(), recent);
            await().until(() -> soindi.handled("applied") == 2);

            // as if the first had been applied 31 days ago, beyond the default retention of 30 days
            soindi.jdbc()
                    .sql("update applied_events set applied_at = :longAgo where event_id = :eventId")
                    .param("longAgo", Instant.now().minus(31, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
                    .param("eventId", old.eventId())
                    .update();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> soindi.store().findAppliedEvent(old.eventId()).isEmpty());
            assertThat(soindi.store().findAppliedEvent(recent.eventId())).isPresent();

            // the old event delivered again, as a replayed dead letter would be, with other data
            Events.publish(
                    soindi.publisher(),
                    Events.withId(Events.updated("PROD-OLD", "Replayed", "9", old.timestamp()), old.eventId()));

            await().until(() -> soindi.handled("stale") == 1);
            assertThat(soindi.store().find("PROD-OLD"))
                    .hasValueSatisfying(product -> assertThat(product.name()).isEqualTo("Old"));
            assertThat(soindi.handled("applied")).isEqualTo(2);
        } finally {
            broker.deleteVirtualHost(virtualHost);
        }
    }

    @Test
    void aRetentionShorterThanADayIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetentionProperties(Duration.ofHours(23), Duration.ofHours(1), 500))
                .withMessageContaining("soindi.retention.applied-events must be at least");
        assertThat(new RetentionProperties(Duration.ZERO, Duration.ofHours(1), 500).appliedEvents())
                .as("0 keeps every record")
                .isZero();
    }
}
