package com.example.hub.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.crm.creatio.FakeCreatio;
import com.example.hub.crm.creatio.FakeCreatioControls;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.QueueMessages;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two copies of one message handled at the same time, by two consumers, as when DMS answered CRM's policy question
 * again under the same message id after a publish the broker did not confirm (the scale-out fault scenario found it):
 * Creatio is called once, and both copies are answered with the same message.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:crm-concurrent-copies-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            // two consumers taking one message each, so that the two copies are handled at once
            "spring.rabbitmq.listener.simple.prefetch=1",
            "spring.rabbitmq.listener.simple.concurrency=2",
            "spring.rabbitmq.listener.simple.max-concurrency=2",
            "spring.rabbitmq.listener.simple.retry.initial-interval=200ms",
            "hub.messaging.retry.delays=1s",
            "hub.messaging.pause-while-down=",
            "crm.creatio-health-interval=1h"
        })
@BrokerTest
class ConcurrentCopiesTests {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final FakeCreatio creatio = new FakeCreatio();

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @DynamicPropertySource
    static void creatioBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("creatio.base-url", () -> creatio.baseUrl().toString());
    }

    @Test
    void twoCopiesOfAnUpdateHandledAtOnceCallCreatioOnceAndAreAnsweredWithOneMessage() {
        FakeCreatioControls controls = creatio.controls();
        // the order's GUID and the statuses known, as in a running adapter: the copies call Creatio for the PATCH only
        MessageEnvelope earlier = update("Paid");
        this.publisher.publish(earlier.requestKey(), earlier);
        answer(earlier.requestId());
        // Creatio slow enough that the second copy arrives while the first one is calling it
        controls.latency(1_500);
        MessageEnvelope request = update("Shipped");
        try {
            this.publisher.publish(request.requestKey(), request);
            this.publisher.publish(request.requestKey(), request);

            MessageEnvelope first = answer(request.requestId());
            MessageEnvelope second = answer(request.requestId());

            assertThat(second.messageId()).isEqualTo(first.messageId());
            assertThat(controls.patches("ORD-TWICE"))
                    .as("PATCHes of the order: the earlier request's, one for both copies")
                    .isEqualTo(2);
        } finally {
            controls.latency(0);
        }
    }

    private static MessageEnvelope update(String status) {
        return MessageEnvelope.request(
                "REQ-" + UUID.randomUUID(),
                "1C",
                "CRM",
                "update_order_status",
                Map.of("order_id", "ORD-TWICE", "new_status", status));
    }

    private MessageEnvelope answer(String requestId) {
        Message message = QueueMessages.receive(
                this.rabbitTemplate,
                HubTopology.ONEC_QUEUE,
                received -> requestId.equals(received.getMessageProperties().getCorrelationId()),
                RECEIVE_TIMEOUT);
        return QueueMessages.read(message, MessageEnvelope.class);
    }
}
