package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.health.HubMessagingHealthIndicator;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = MessagingTestApplication.class)
@BrokerTest
class HubMessagingHealthIntegrationTests {

    @Autowired
    HubMessagingHealthIndicator health;

    @Autowired
    RabbitListenerEndpointRegistry registry;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Test
    void isUpWhileListenersRunAndReportsDeadLettersAsInformationOnly() {
        this.rabbitTemplate.send(
                HubTopology.EXCHANGE,
                "1c.request.dms.create_user",
                MessageBuilder.withBody("not json".getBytes(StandardCharsets.UTF_8))
                        .build());

        await().untilAsserted(() -> {
            Health current = this.health.health(true);
            assertThat(current.getStatus()).isEqualTo(Status.UP);
            assertThat(current.getDetails().get("deadLetterMessages"))
                    .isEqualTo(Map.of(
                            HubTopology.ONEC_DEAD_LETTER_QUEUE, 0L,
                            HubTopology.DMS_DEAD_LETTER_QUEUE, 1L,
                            HubTopology.CRM_DEAD_LETTER_QUEUE, 0L));
        });
    }

    @Test
    void isDownWhileAListenerIsStoppedOrItsQueueIsMissing() {
        try {
            this.registry.stop();
            Health stopped = this.health.health(true);
            assertThat(stopped.getStatus()).isEqualTo(Status.DOWN);
            assertThat(stopped.getDetails().get("problems").toString()).contains("is not running");
        } finally {
            this.registry.start();
        }
        await().until(() -> this.health.health(true).getStatus().equals(Status.UP));
    }
}
