package com.example.hub.soindi.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SOINDI applies a backlog in batches (one transaction, one acknowledgement each), and an event that fails does not
 * take the rest of its batch with it.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:soindi-batch-tests;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
            "spring.rabbitmq.listener.simple.auto-startup=false",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            // dead-lettered once the quick retries are spent: the delayed retries have tests of their own
            "hub.messaging.retry.give-up-after=0s",
            "spring.rabbitmq.listener.simple.retry.max-interval=200ms",
            "soindi.batch-size=25"
        })
@BrokerTest
class BatchTests {

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    BrokerTestVirtualHost virtualHost;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meterRegistry;

    @BeforeEach
    void createFlakyStore() {
        this.jdbc.sql(FlakyStoreTrigger.CREATE).update();
    }

    @AfterEach
    void stopListener() {
        this.listeners.getListenerContainer(ProductEventListener.ID).stop();
    }

    @Test
    void aBacklogIsTakenInBatchesOfAtMostTheBatchSize() {
        Instant start = Instant.now();
        List<ProductEvent> events = IntStream.range(0, 200)
                .mapToObj(i ->
                        Events.updated("PROD-BATCH-%03d".formatted(i), "Batch " + i, i + ".5", start.plusMillis(i)))
                .toList();
        Events.publishAll(this.publisher, events);
        this.virtualHost.awaitMessageCount(HubTopology.ODOO_EVENTS_QUEUE, 200);
        DistributionSummary batches = this.meterRegistry.summary("soindi.batch.size");
        long batchesBefore = batches.count();
        double eventsBefore = batches.totalAmount();

        container().start();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from products where product_id like 'PROD-BATCH-%'") == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> batches.totalAmount() - eventsBefore == 200);
        assertThat(batches.count() - batchesBefore).as("batches").isBetween(8L, 50L);
        assertThat(batches.max()).as("largest batch").isEqualTo(25);
        this.virtualHost.awaitMessageCount(HubTopology.ODOO_EVENTS_QUEUE, 0);
    }

    @Test
    void anInvalidEventAndAnEventTheStoreKeepsFailingAreDeadLetteredAloneAndTheRestOfTheirBatchIsApplied() {
        FlakyStoreTrigger.failNext("PROD-IN-BATCH-OUTAGE", 100);
        FlakyStoreTrigger.failNext("PROD-IN-BATCH-FLAKY", 1);
        Instant start = Instant.now();
        List<ProductEvent> good = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ProductEvent event =
                    Events.updated("PROD-IN-BATCH-%02d".formatted(i), "Good " + i, "1." + i, start.plusMillis(i));
            good.add(event);
            Events.publish(this.publisher, event);
            if (i == 5) {
                Events.sendJson(this.rabbitTemplate, "product.product_updated", "{\"eventId\": \"evt-torn\", ");
            }
            if (i == 10) {
                Events.publish(
                        this.publisher, Events.updated("PROD-IN-BATCH-OUTAGE", "Never", "7", start.plusMillis(i)));
            }
            if (i == 15) {
                ProductEvent flaky = Events.updated("PROD-IN-BATCH-FLAKY", "Second try", "8", start.plusMillis(i));
                good.add(flaky);
                Events.publish(this.publisher, flaky);
            }
        }
        this.virtualHost.awaitMessageCount(HubTopology.ODOO_EVENTS_QUEUE, 23);

        container().start();

        Map<String, Message> dead = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Message message = this.rabbitTemplate.receive(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE, 200);
            if (message != null) {
                dead.put(
                        (String) message.getMessageProperties().getHeaders().get(DeadLetterHeaders.FAILURE_KIND),
                        message);
            }
            assertThat(dead).hasSize(2);
        });
        Map<String, Object> torn =
                dead.get(DeadLetterHeaders.PERMANENT).getMessageProperties().getHeaders();
        assertThat(torn).containsEntry(DeadLetterHeaders.ATTEMPTS, 1);
        assertThat((String) torn.get(DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("convert");
        Map<String, Object> outage = dead.get(DeadLetterHeaders.RETRIES_EXHAUSTED)
                .getMessageProperties()
                .getHeaders();
        assertThat(outage).containsEntry(DeadLetterHeaders.ATTEMPTS, 3);
        assertThat((String) outage.get(DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("simulated outage");
        // three attempts, the first of them two tries at the store: its batch together, then one event at a time
        assertThat(FlakyStoreTrigger.attempts("PROD-IN-BATCH-OUTAGE")).isEqualTo(4);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from products where product_id like 'PROD-IN-BATCH-%'") == 21);
        for (ProductEvent event : good) {
            assertThat(this.jdbc
                            .sql("select last_event_id from products where product_id = :id")
                            .param("id", event.payload().productId())
                            .query(String.class)
                            .single())
                    .isEqualTo(event.eventId());
        }
        // its batch together (failed), one event at a time (went through, but rolled back with the batch when the
        // outage event failed), then with the events before the failing one (applied)
        assertThat(FlakyStoreTrigger.attempts("PROD-IN-BATCH-FLAKY")).isEqualTo(3);
        assertThat(count("select count(*) from applied_events where product_id = 'PROD-IN-BATCH-OUTAGE'"))
                .isZero();
        assertThat(this.meterRegistry
                        .counter("soindi.events", "outcome", "duplicate")
                        .count())
                .as("no event was applied twice")
                .isZero();
        assertThat(this.rabbitTemplate.receive(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE, 300))
                .as("nothing else dead-lettered")
                .isNull();
        this.virtualHost.awaitMessageCount(HubTopology.ODOO_EVENTS_QUEUE, 0);
    }

    private MessageListenerContainer container() {
        MessageListenerContainer container = this.listeners.getListenerContainer(ProductEventListener.ID);
        assertThat(container.isRunning()).isFalse();
        return container;
    }

    private long count(String sql) {
        return this.jdbc.sql(sql).query(Long.class).single();
    }
}
