package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.publish.PublishException;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The hub's meters move as messages flow through a real broker: each publish is timed with its outcome, and each
 * message sent to a retry queue or dead-lettered is counted by queue and kind.
 */
@SpringBootTest(
        classes = MessagingTestApplication.class,
        properties = {
            "spring.application.name=metrics-tests",
            "hub.messaging.retry.delays=1s",
            "hub.messaging.retry.give-up-after=2s",
            "spring.rabbitmq.listener.simple.retry.initial-interval=10ms"
        })
@BrokerTest
class HubMetricsIntegrationTests {

    @Autowired
    MessagePublisher publisher;

    @Autowired
    MeterRegistry registry;

    @Test
    void aConfirmedPublishIsTimedByExchangeAndOutcome() {
        MessageEnvelope request = MessageEnvelope.request("METRICS-1", "1C", "DMS", "create_user", Map.of());

        this.publisher.publish(request.requestKey(), request);

        Timer confirmed = this.registry
                .get("hub.publish")
                .tags("exchange", HubTopology.EXCHANGE, "outcome", "confirmed")
                .timer();
        assertThat(confirmed.count()).isGreaterThanOrEqualTo(1);
        assertThat(confirmed.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void anUnroutablePublishIsCountedAsReturned() {
        assertThatExceptionOfType(PublishException.class)
                .isThrownBy(
                        () -> this.publisher.publish(HubTopology.EXCHANGE, "nobody.listens.here", Map.of(), p -> {}));

        assertThat(this.registry
                        .get("hub.publish")
                        .tags("outcome", "returned")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aPermanentFailureIsCountedAsDeadLetteredAndProcessingIsObserved() {
        MessageEnvelope refused = MessageEnvelope.request("METRICS-2", "1C", "DMS", "fails_then_is_refused", Map.of());

        this.publisher.publish(refused.requestKey(), refused);

        await().untilAsserted(() -> assertThat(
                        counted("hub.messages.dead.lettered", "queue", HubTopology.DMS_QUEUE, "kind", "permanent"))
                .isEqualTo(1));
        assertThat(this.registry.get("spring.rabbit.listener").timers())
                .as("Spring AMQP's observation of the listeners")
                .isNotEmpty();
    }

    @Test
    void aTransientFailureIsCountedAsRetriedThenAsRetriesExhausted() {
        MessageEnvelope failing = MessageEnvelope.request("METRICS-3", "1C", "DMS", "always_fails", Map.of());

        this.publisher.publish(failing.requestKey(), failing);

        await().untilAsserted(() -> assertThat(counted("hub.messages.retried", "queue", HubTopology.DMS_QUEUE))
                .isGreaterThanOrEqualTo(1));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(counted(
                                "hub.messages.dead.lettered",
                                "queue",
                                HubTopology.DMS_QUEUE,
                                "kind",
                                "retries-exhausted"))
                        .isEqualTo(1));
    }

    private double counted(String name, String... tags) {
        Counter counter = this.registry.find(name).tags(tags).counter();
        return counter != null ? counter.count() : 0;
    }
}
