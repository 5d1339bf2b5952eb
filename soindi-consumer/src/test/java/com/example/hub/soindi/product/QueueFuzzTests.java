package com.example.hub.soindi.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.fuzz.QueueFuzz;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * Fuzzes SOINDI's queue {@code odoo_events} with the real broker: {@link QueueFuzz#BAD} generated messages that cannot be
 * processed (seeded: {@code -Dfuzz.seed}) each land exactly once in {@code odoo_events_dead_letter_queue}, with the
 * reason, without retries, whichever batch they come in; valid events published meanwhile are applied; the listener
 * keeps consuming.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:soindi-queue-fuzz-tests;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
            "soindi.instance-id=queue-fuzz-tests"
        })
@BrokerTest
class QueueFuzzTests {

    @Autowired
    ApplicationContext app;

    @Autowired
    MessagePublisher publisher;

    @Autowired
    ProductStore store;

    @Test
    void badMessagesAreDeadLetteredOnceWithTheReasonWhileValidEventsAreApplied() {
        // a batch listener: its dead letters carry no count of attempts
        QueueFuzz fuzz = QueueFuzz.of(
                        this.app, HubTopology.ODOO_EVENTS_QUEUE, HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE)
                .withoutAttempts();

        QueueFuzz.Run run = fuzz.run(i -> {
            ProductEvent event = Events.updated("PROD-FUZZ-" + i, "Fuzz product " + i, "9.99", Instant.now());
            Events.publishAsync(this.publisher, event);
            return event.eventId();
        });
        run.print("applied");

        run.assertEachDeadLetteredOnceWithTheReason();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(run.valid())
                        .allSatisfy(eventId ->
                                assertThat(this.store.findAppliedEvent(eventId)).isPresent()));
        fuzz.assertStillConsuming();
    }
}
