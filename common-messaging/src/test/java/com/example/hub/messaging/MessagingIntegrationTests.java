package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RoutingKey;
import com.example.hub.messaging.failure.AttemptCounter;
import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.publish.PublishException;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.QueueMessages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
        classes = MessagingTestApplication.class,
        properties = {
            "spring.application.name=messaging-tests",
            "hub.messaging.system=dms",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            // dead-lettered once the quick retries are spent: the delayed retries have tests of their own
            "hub.messaging.retry.give-up-after=0s",
            "spring.rabbitmq.listener.simple.retry.max-interval=200ms"
        })
@BrokerTest
class MessagingIntegrationTests {

    private static final long RECEIVE_TIMEOUT = 10_000;

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    MessagingTestApplication.RecordingListener listener;

    @AfterEach
    void deadLetterQueueHoldsNothingElse() {
        assertThat(this.rabbitTemplate.receive(HubTopology.DMS_DEAD_LETTER_QUEUE))
                .isNull();
    }

    @Test
    void anEnvelopeTravelsThroughTheBrokerWithItsProperties() {
        MessageEnvelope sent = MessageEnvelope.request("REQ-1", "1C", "DMS", "create_user", Map.of("user_id", "U1"));

        this.publisher.publish(sent.requestKey(), sent);

        await().untilAsserted(() -> assertThat(this.listener.processed).contains(sent));
        assertThat(this.listener.attemptsOf(sent.messageId())).isOne();
    }

    @Test
    void setsTheAmqpPropertiesThatOtherClientsRead() {
        // no listener on 1c_queue in this application: the message waits there
        MessageEnvelope sent = MessageEnvelope.request("REQ-2", "dms", "1c", "user_created", Map.of("status", "ok"));

        this.publisher.publish(sent.responseKey(), sent);

        Message received = receiveFrom(
                HubTopology.ONEC_QUEUE,
                message ->
                        sent.messageId().equals(message.getMessageProperties().getMessageId()));
        MessageProperties properties = received.getMessageProperties();
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.getMessageId()).isEqualTo(sent.messageId());
        assertThat(properties.getCorrelationId()).isEqualTo("REQ-2");
        assertThat(properties.getType()).isEqualTo("user_created");
        assertThat(properties.getTimestamp()).isNotNull();
        assertThat(properties.getReceivedRoutingKey()).isEqualTo("dms.response.1c.user_created");
        assertThat(properties.getHeaders()).doesNotContainKeys("__TypeId__", "__ContentTypeId__", "__KeyTypeId__");
        String json = new String(received.getBody(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"request_id\":\"REQ-2\"", "\"source_system\":\"dms\"", "\"message_type\"");
    }

    @Test
    void plainJsonWithoutTypeHeadersFromAnyLanguageIsConsumed() {
        String messageId = UUID.randomUUID().toString();
        String json = """
                {"message_id": "%s", "request_id": "PY-1", "source_system": "1C", "target_system": "DMS",
                 "message_type": "create_user", "timestamp": "2025-05-20T10:00:00Z",
                 "payload": {"user_id": "U9"}, "sent_by": "python"}
                """.formatted(messageId);

        sendRaw("1c.request.dms.create_user", json, "application/json");

        await().untilAsserted(() -> assertThat(this.listener.processed).anySatisfy(envelope -> {
            assertThat(envelope.messageId()).isEqualTo(messageId);
            assertThat(envelope.payload()).containsEntry("user_id", "U9");
        }));
    }

    @Test
    void aPermanentFailureAfterARetryCountsEveryAttempt() {
        MessageEnvelope sent = MessageEnvelope.request("REQ-ATTEMPTS", "1C", "DMS", "fails_then_is_refused", Map.of());

        this.publisher.publish(sent.requestKey(), sent);

        Message dead = this.rabbitTemplate.receive(HubTopology.DMS_DEAD_LETTER_QUEUE, RECEIVE_TIMEOUT);
        assertThat(dead).isNotNull();
        assertThat(this.listener.attemptsOf(sent.messageId())).isEqualTo(2);
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 2)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.PERMANENT)
                .doesNotContainKey(AttemptCounter.HEADER);
    }

    @Test
    void plainJsonWithoutAContentTypeIsConsumedToo() {
        String messageId = UUID.randomUUID().toString();
        String json = """
                {"message_id": "%s", "request_id": "PY-2", "source_system": "1c", "target_system": "dms",
                 "message_type": "create_user", "payload": {}}
                """.formatted(messageId);

        sendRaw("1c.request.dms.create_user", json, null);

        await().untilAsserted(() -> assertThat(this.listener.processed)
                .anySatisfy(envelope -> assertThat(envelope.messageId()).isEqualTo(messageId)));
    }

    @Test
    void invalidJsonIsDeadLetteredOnceWithItsReasonAndWithoutRetries() {
        sendRaw("1c.request.dms.create_user", "{\"request_id\": \"BROKEN\", ", "application/json");

        Message dead = this.rabbitTemplate.receive(HubTopology.DMS_DEAD_LETTER_QUEUE, RECEIVE_TIMEOUT);

        assertThat(dead).isNotNull();
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"request_id\": \"BROKEN\", ");
        Map<String, Object> headers = dead.getMessageProperties().getHeaders();
        assertThat(headers)
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 1)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.PERMANENT)
                .containsEntry(DeadLetterHeaders.ORIGINAL_EXCHANGE, HubTopology.EXCHANGE)
                .containsEntry(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, "1c.request.dms.create_user")
                .containsEntry(DeadLetterHeaders.ORIGINAL_QUEUE, HubTopology.DMS_QUEUE)
                .containsEntry(DeadLetterHeaders.FAILED_SERVICE, "messaging-tests")
                .containsKeys(DeadLetterHeaders.FAILED_AT, DeadLetterHeaders.EXCEPTION_CLASS);
        assertThat((String) headers.get(DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("convert");
        assertThat(this.rabbitTemplate.receive(HubTopology.DMS_DEAD_LETTER_QUEUE, 500))
                .as("dead-lettered exactly once")
                .isNull();
    }

    @Test
    void anEnvelopeWithoutItsRequiredFieldsIsDeadLetteredAtOnce() {
        String messageId = UUID.randomUUID().toString();
        sendRaw(
                "1c.request.dms.create_user",
                "{\"message_id\": \"" + messageId + "\", \"source_system\": \"1c\", \"payload\": {}}",
                "application/json");

        Message dead = this.rabbitTemplate.receive(HubTopology.DMS_DEAD_LETTER_QUEUE, RECEIVE_TIMEOUT);

        assertThat(dead).isNotNull();
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 1)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.PERMANENT);
        assertThat((String) dead.getMessageProperties().getHeaders().get(DeadLetterHeaders.EXCEPTION_MESSAGE))
                .isEqualTo("Invalid message: message_type must not be blank, request_id must not be blank, "
                        + "target_system must not be blank");
        assertThat(this.listener.attemptsOf(messageId)).isZero();
    }

    @Test
    void aListenerThatFailsTwiceThenSucceedsProcessesTheMessageOnce() {
        MessageEnvelope sent = MessageEnvelope.request("REQ-3", "1c", "dms", "fails_twice", Map.of());

        this.publisher.publish(sent.requestKey(), sent);

        await().untilAsserted(() -> assertThat(this.listener.processed).contains(sent));
        assertThat(this.listener.attemptsOf(sent.messageId())).isEqualTo(3);
        assertThat(this.listener.processed).filteredOn(sent::equals).hasSize(1);
    }

    @Test
    void aListenerThatAlwaysFailsIsTriedThreeTimesThenTheMessageIsDeadLettered() {
        MessageEnvelope sent = MessageEnvelope.request("REQ-4", "1c", "dms", "always_fails", Map.of());

        this.publisher.publish(sent.requestKey(), sent);

        Message dead = this.rabbitTemplate.receive(HubTopology.DMS_DEAD_LETTER_QUEUE, RECEIVE_TIMEOUT);
        assertThat(dead).isNotNull();
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo(sent.messageId());
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 3)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.RETRIES_EXHAUSTED)
                .containsEntry(DeadLetterHeaders.EXCEPTION_CLASS, IllegalStateException.class.getName())
                .containsEntry(DeadLetterHeaders.EXCEPTION_MESSAGE, "Downstream still unavailable")
                .containsEntry(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, "1c.request.dms.always_fails");
        assertThat(this.listener.attemptsOf(sent.messageId())).isEqualTo(3);
        assertThat(this.listener.processed).doesNotContain(sent);
    }

    @Test
    void theRequesterOfADeadLetteredRequestIsAnsweredWithTheReason() {
        MessageEnvelope sent = MessageEnvelope.request("REQ-7", "1C", "DMS", "always_fails", Map.of())
                .withContext(Map.of("step", "one"));

        this.publisher.publish(sent.requestKey(), sent);

        assertThat(this.rabbitTemplate.receive(HubTopology.DMS_DEAD_LETTER_QUEUE, RECEIVE_TIMEOUT))
                .isNotNull();
        MessageEnvelope reply = errorAnswerTo1c(
                "REQ-7", Map.of("step", "one"), "Downstream still unavailable", HubTopology.DMS_DEAD_LETTER_QUEUE);
        assertThat(reply.requestId()).isEqualTo("REQ-7");
        assertThat(reply.payload())
                .containsEntry("failed_message_type", "always_fails")
                .containsEntry("failed_service", "messaging-tests");
    }

    @Test
    void aDeadLetteredResponseToARelayedRequestIsAnsweredToTheOriginalRequester() {
        MessageEnvelope response = new MessageEnvelope(
                UUID.randomUUID().toString(),
                "REQ-8",
                "dms",
                "crm",
                "policy_info_response",
                null,
                Map.of("status", "found"),
                Map.of(MessageEnvelope.REPLY_TO, "1c", MessageEnvelope.REQUESTER_CONTEXT, Map.of("screen", "orders")));

        this.publisher.publish(response.responseKey(), response);

        assertThat(this.rabbitTemplate.receive(HubTopology.CRM_DEAD_LETTER_QUEUE, RECEIVE_TIMEOUT))
                .isNotNull();
        MessageEnvelope reply = errorAnswerTo1c(
                "REQ-8",
                Map.of("screen", "orders"),
                "Downstream of CRM unavailable",
                HubTopology.CRM_DEAD_LETTER_QUEUE);
        assertThat(reply.payload()).containsEntry("failed_message_type", "policy_info_response");
        assertThat(this.listener.attemptsOf(response.messageId())).isEqualTo(3);
    }

    @Test
    void aDeadLetteredResponseWithoutARequesterIsNotAnswered() {
        MessageEnvelope response = new MessageEnvelope(
                UUID.randomUUID().toString(), "REQ-9", "dms", "crm", "policy_info_response", null, Map.of(), null);

        this.publisher.publish(response.responseKey(), response);

        Message dead = this.rabbitTemplate.receive(HubTopology.CRM_DEAD_LETTER_QUEUE, RECEIVE_TIMEOUT);
        assertThat(dead).isNotNull();
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo(response.messageId());
        Message unrelated = this.rabbitTemplate.receive(HubTopology.ONEC_QUEUE, 1000);
        while (unrelated != null) {
            assertThat(unrelated.getMessageProperties().getCorrelationId()).isNotEqualTo("REQ-9");
            unrelated = this.rabbitTemplate.receive(HubTopology.ONEC_QUEUE, 1000);
        }
    }

    @Test
    void anUnroutablePublishIsReportedToTheCaller() {
        MessageEnvelope sent = MessageEnvelope.request("REQ-5", "1c", "nowhere", "create_user", Map.of());

        assertThatExceptionOfType(PublishException.class)
                .isThrownBy(() -> this.publisher.publish(RoutingKey.request("1c", "nowhere", "create_user"), sent))
                .satisfies(ex -> assertThat(ex.reason()).isEqualTo(PublishException.Reason.UNROUTABLE))
                .withMessageContaining("1c.request.nowhere.create_user");
    }

    @Test
    void aPublishToAMissingExchangeIsReportedToTheCaller() {
        assertThatExceptionOfType(PublishException.class)
                .isThrownBy(() -> this.publisher.publish(
                        "no_such_exchange", "any", Map.of("a", 1), MessagePublisher.PropertiesSetter.NONE))
                .satisfies(ex -> assertThat(ex.reason()).isEqualTo(PublishException.Reason.NACKED));
        // the publisher's channel recovers: the next publish goes through
        MessageEnvelope sent = MessageEnvelope.request("REQ-6", "1c", "dms", "create_user", Map.of());
        this.publisher.publish(sent.requestKey(), sent);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(this.listener.processed).contains(sent));
    }

    /** The first message of a queue that matches; the messages before it are dropped. */
    /**
     * 1C's error answer to a dead-lettered message: its routing key, the requester's context, and the status, reason
     * and dead-letter queue in its payload.
     */
    private MessageEnvelope errorAnswerTo1c(
            String requestId, Map<String, Object> context, String reason, String deadLetterQueue) {
        Message answer = receiveFrom(HubTopology.ONEC_QUEUE, QueueMessages.withCorrelationId(requestId));
        assertThat(answer.getMessageProperties().getReceivedRoutingKey()).isEqualTo("dms.response.1c.error");
        MessageEnvelope reply = QueueMessages.read(answer, MessageEnvelope.class);
        assertThat(reply.context()).isEqualTo(context);
        assertThat(reply.payload())
                .containsEntry("status", "error")
                .containsEntry("reason", reason)
                .containsEntry("dead_letter_queue", deadLetterQueue);
        return reply;
    }

    private Message receiveFrom(String queue, Predicate<Message> wanted) {
        return QueueMessages.receive(this.rabbitTemplate, queue, wanted, Duration.ofMillis(RECEIVE_TIMEOUT));
    }

    private void sendRaw(String routingKey, String body, String contentType) {
        MessageBuilder builder = MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8));
        if (contentType != null) {
            builder.setContentType(contentType);
        }
        this.rabbitTemplate.send(HubTopology.EXCHANGE, routingKey, builder.build());
    }
}
