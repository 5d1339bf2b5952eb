package com.example.hub.soindi.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Events published while SOINDI is not consuming wait in {@code odoo_events}, and are applied once it consumes. */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:soindi-backlog-tests;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
            "spring.rabbitmq.listener.simple.auto-startup=false"
        })
@BrokerTest
class BacklogTests {

    private static final int EVENTS = 1000;

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    BrokerTestVirtualHost virtualHost;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meterRegistry;

    @Test
    void aThousandEventsWaitWhileSoindiIsStoppedAndAreAllAppliedExactlyOnceWhenItStarts() {
        MessageListenerContainer container = this.listeners.getListenerContainer(ProductEventListener.ID);
        assertThat(container.isRunning()).isFalse();
        Instant start = Instant.now();
        List<ProductEvent> events = IntStream.range(0, EVENTS)
                .mapToObj(i -> Events.updated(
                        "PROD-BACKLOG-%04d".formatted(i), "Backlog " + i, i + ".25", start.plusMillis(i)))
                .toList();

        Events.publishAll(this.publisher, events);

        this.virtualHost.awaitMessageCount(HubTopology.ODOO_EVENTS_QUEUE, EVENTS);
        assertThat(count("select count(*) from applied_events")).isZero();

        container.start();

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() ->
                        assertThat(count("select count(*) from applied_events")).isEqualTo(EVENTS));
        assertThat(count("select count(distinct event_id) from applied_events where outcome = 'APPLIED'"))
                .isEqualTo(EVENTS);
        assertThat(count("select count(*) from products")).isEqualTo(EVENTS);
        for (ProductEvent event : events) {
            assertThat(this.jdbc
                            .sql("select last_event_id from products where product_id = :id")
                            .param("id", event.payload().productId())
                            .query(String.class)
                            .single())
                    .isEqualTo(event.eventId());
        }
        assertThat(this.meterRegistry
                        .counter("soindi.events", "outcome", "applied")
                        .count())
                .isEqualTo(EVENTS);
        assertThat(this.meterRegistry
                        .counter("soindi.events", "outcome", "duplicate")
                        .count())
                .as("no event was delivered twice")
                .isZero();
        Timer lag = this.meterRegistry.find("soindi.events.lag").timer();
        assertThat(lag.count()).isEqualTo(EVENTS);
        assertThat(lag.max(TimeUnit.MILLISECONDS))
                .as("the events waited in the queue")
                .isPositive();
        this.virtualHost.awaitMessageCount(HubTopology.ODOO_EVENTS_QUEUE, 0);
        assertThat(this.virtualHost.messageCount(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE))
                .isZero();
    }

    private long count(String sql) {
        return this.jdbc.sql(sql).query(Long.class).single();
    }
}
