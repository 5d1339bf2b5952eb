package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.health.HubMessagingHealthIndicator;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.testsupport.BrokerTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * While a downstream system's health is down, the listeners stop and messages wait in their queue; when it is up
 * again, the listeners start and the messages are processed, without their retries being spent meanwhile.
 */
@SpringBootTest(
        classes = MessagingTestApplication.class,
        properties = {
            "spring.application.name=downstream-pause-tests",
            "hub.messaging.pause-while-down=downstream",
            "hub.messaging.pause-check-interval=100ms"
        })
@BrokerTest
@Import(DownstreamPauseIntegrationTests.Downstream.class)
class DownstreamPauseIntegrationTests {

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitListenerEndpointRegistry registry;

    @Autowired
    HubMessagingHealthIndicator messagingHealth;

    @Autowired
    MessagingTestApplication.RecordingListener listener;

    @Autowired
    Downstream downstream;

    @AfterEach
    void downstreamUp() {
        this.downstream.up.set(true);
        await().until(this::listenersRunning);
    }

    @Test
    void messagesWaitWhileTheDownstreamIsDownAndAreProcessedWhenItIsUpAgain() {
        this.downstream.up.set(false);
        await().until(() -> !listenersRunning());
        MessageEnvelope request = MessageEnvelope.request("PAUSE-1", "1C", "DMS", "create_user", Map.of());

        this.publisher.publish(request.requestKey(), request);

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> this.listener.attemptsOf(request.messageId()) == 0);
        Health paused = this.messagingHealth.health(true);
        assertThat(paused.getStatus()).isEqualTo(Status.UP);
        assertThat(paused.getDetails().get("listeners").toString()).contains("paused while downstream is down");

        this.downstream.up.set(true);

        await().untilAsserted(() -> assertThat(this.listener.processed).contains(request));
        assertThat(this.listener.attemptsOf(request.messageId())).isOne();
        assertThat(listenersRunning()).isTrue();
    }

    private boolean listenersRunning() {
        return this.registry.getListenerContainers().stream().allMatch(container -> container.isRunning());
    }

    /** The health of a downstream system that the test takes down and brings back. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Downstream {

        final AtomicBoolean up = new AtomicBoolean(true);

        @Bean
        HealthIndicator downstreamHealthIndicator() {
            return () -> this.up.get() ? Health.up().build() : Health.down().build();
        }
    }
}
