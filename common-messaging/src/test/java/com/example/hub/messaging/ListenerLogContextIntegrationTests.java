package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.logging.ListenerLogContext;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A listener runs with the ids of the message it handles in its logging context (MDC), through a real broker, and
 * the next message does not inherit them.
 */
@SpringBootTest(classes = MessagingTestApplication.class, properties = "spring.application.name=log-context-tests")
@BrokerTest
class ListenerLogContextIntegrationTests {

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    MessagingTestApplication.RecordingListener listener;

    @Test
    void theListenerLogsWithTheIdsOfItsMessage() {
        MessageEnvelope request = MessageEnvelope.request("LOG-CONTEXT-1", "1C", "DMS", "create_user", Map.of());
        this.publisher.publish(request.requestKey(), request);

        await().until(() -> this.listener.logContexts.containsKey(request.messageId()));
        assertThat(this.listener.logContexts.get(request.messageId()))
                .containsEntry(ListenerLogContext.REQUEST_ID, "LOG-CONTEXT-1")
                .containsEntry(ListenerLogContext.MESSAGE_ID, request.messageId())
                .containsEntry(ListenerLogContext.MESSAGE_TYPE, "create_user")
                .containsEntry(ListenerLogContext.QUEUE, HubTopology.DMS_QUEUE)
                .containsKey("traceId");
    }

    @Test
    void aMessageWithoutIdsDoesNotInheritThoseOfTheMessageBefore() {
        MessageEnvelope first = MessageEnvelope.request("LOG-CONTEXT-2", "1C", "DMS", "create_user", Map.of());
        this.publisher.publish(first.requestKey(), first);
        await().until(() -> this.listener.logContexts.containsKey(first.messageId()));

        // published by a client that sets no AMQP properties but the content type, with a line break in its type
        MessageEnvelope second = MessageEnvelope.request("LOG-CONTEXT-3", "1C", "DMS", "create_user", Map.of());
        String body = "{\"message_id\":\"" + second.messageId() + "\",\"request_id\":\"LOG-CONTEXT-3\","
                + "\"source_system\":\"1C\",\"target_system\":\"DMS\",\"message_type\":\"create_user\",\"payload\":{}}";
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setType("create\nuser");
        this.rabbitTemplate.send(
                HubTopology.EXCHANGE,
                second.requestKey().toString(),
                MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                        .andProperties(properties)
                        .build());

        await().until(() -> this.listener.logContexts.containsKey(second.messageId()));
        assertThat(this.listener.logContexts.get(second.messageId()))
                .doesNotContainKeys(ListenerLogContext.REQUEST_ID, ListenerLogContext.MESSAGE_ID)
                .containsEntry(ListenerLogContext.MESSAGE_TYPE, "createuser")
                .containsEntry(ListenerLogContext.QUEUE, HubTopology.DMS_QUEUE);
    }
}
