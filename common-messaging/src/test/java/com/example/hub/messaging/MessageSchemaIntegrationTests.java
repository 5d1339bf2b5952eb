package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.odoo.ProductEventType;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.schema.InvalidMessageException;
import com.example.hub.messaging.schema.SchemaViolation;
import com.example.hub.messaging.schema.UnsupportedSchemaVersionException;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schemas at the edges, against the real broker: the publisher does not send a message of its own that breaks its
 * schema, and a consumer dead-letters a received one at once, with the violations as the reason, and answers its
 * requester. The envelope's schema version too: the publisher writes the current one, and a consumer reads an envelope
 * without one (version 1) or of a supported version and dead-letters one of another version at once, with the reason.
 * The application speaks for DMS; its listener on {@code dms_queue} records what it processes.
 */
@SpringBootTest(
        classes = MessagingTestApplication.class,
        properties = {
            "spring.application.name=schema-tests",
            "hub.messaging.system=dms",
            "hub.messaging.schemas.enabled=true",
            "hub.messaging.declare-odoo-topology=true",
            "hub.messaging.retry.give-up-after=0s",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            "spring.rabbitmq.listener.simple.retry.max-interval=200ms"
        })
@BrokerTest
class MessageSchemaIntegrationTests {

    private static final long RECEIVE_TIMEOUT = 10_000;

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    MessageConverter messageConverter;

    @Autowired
    MessagingTestApplication.RecordingListener listener;

    @Autowired
    JsonMapper jsonMapper;

    @Test
    void anAnswerOfItsOwnThatBreaksItsSchemaIsNotPublished() {
        MessageEnvelope request = MessageEnvelope.request(
                "SCHEMA-1", "1C", "DMS", "create_user", Map.of("user_id", "U1", "name", "N", "email", "n@example.com"));
        MessageEnvelope broken = request.reply("dms", "user_created", Map.of("status", "done", "user_id", 42));

        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> this.publisher.publish(broken.responseKey(), broken))
                .withMessage("Invalid message: payload.status must be \"success\", not \"done\", "
                        + "payload.user_id must be a string")
                .satisfies(ex -> assertThat(ex.violations())
                        .extracting(SchemaViolation::location)
                        .containsExactly("/payload/status", "/payload/user_id"));
        assertThat(drain(HubTopology.ONEC_QUEUE))
                .as("nothing reached the broker")
                .noneSatisfy(
                        message -> assertThat(message.getMessageProperties().getMessageId())
                                .isEqualTo(broken.messageId()));

        MessageEnvelope valid = request.reply(
                "dms",
                "user_created",
                Map.of("status", "success", "user_id", "U1", "dms_user_id", "DMS-1", "message", "User created"));
        this.publisher.publish(valid.responseKey(), valid);
        await().untilAsserted(() -> assertThat(this.rabbitTemplate.receive(HubTopology.ONEC_QUEUE, 1000))
                .isNotNull()
                .satisfies(
                        received -> assertThat(received.getMessageProperties().getMessageId())
                                .isEqualTo(valid.messageId())));
    }

    @Test
    void aProductEventThatBreaksItsSchemaIsNotPublished() {
        ProductEvent broken = new ProductEvent(
                " ",
                ProductEventType.PRODUCT_UPDATED,
                Instant.parse("2025-05-20T10:00:00Z"),
                new ProductEvent.Payload("PROD-1", "N", BigDecimal.ONE));

        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> this.publisher.publish(
                        HubTopology.ODOO_EVENTS_EXCHANGE,
                        ProductEventType.PRODUCT_UPDATED.routingKey(),
                        broken,
                        MessagePublisher.PropertiesSetter.NONE))
                .withMessage("Invalid product event: eventId must not be blank");
        assertThat(this.rabbitTemplate.receive(HubTopology.ODOO_EVENTS_QUEUE, 1000))
                .isNull();
    }

    @Test
    void aReceivedMessageThatBreaksItsSchemaIsDeadLetteredAtOnceWithTheViolationsAndTheRequesterIsAnswered() {
        String messageId = UUID.randomUUID().toString();
        sendRaw("1c.request.dms.create_user", """
                {"message_id": "%s", "request_id": "SCHEMA-2", "source_system": "1C", "target_system": "DMS",
                 "message_type": "create_user", "context": {"step": 2},
                 "payload": {"user_id": "U2", "name": "Bad Mail", "email": "not-an-address"}}""".formatted(messageId), MessageProperties.CONTENT_TYPE_JSON);

        Message dead = this.rabbitTemplate.receive(HubTopology.DMS_DEAD_LETTER_QUEUE, RECEIVE_TIMEOUT);

        assertThat(dead).isNotNull();
        assertRejectedAtOnce(
                dead,
                messageId,
                "SCHEMA-2",
                "Invalid message: payload.email must be a well-formed email address",
                InvalidMessageException.class,
                2);
    }

    @Test
    void theSeedsEnvelopeWithUpperCase1cAndNoContentTypeIsConsumed() {
        String requestId = "SCHEMA-SEED-" + UUID.randomUUID();
        sendRaw("1c.request.dms.create_user", """
                {"message_id": "%s", "request_id": "%s", "source_system": "1C", "target_system": "DMS",
                 "message_type": "create_user", "payload": {"user_id": "U3", "name": "Иванов Иван", "email": "ivanov@example.com"}}""".formatted(UUID.randomUUID(), requestId), null);

        await().untilAsserted(() -> assertThat(this.listener.processed)
                .anySatisfy(envelope -> assertThat(envelope.requestId()).isEqualTo(requestId)));
    }

    @Test
    void aMessageTypeWithoutASchemaPassesWithItsEnvelopeChecked() {
        String requestId = "SCHEMA-UNKNOWN-" + UUID.randomUUID();
        sendRaw(
                "1c.request.dms.unknown_thing",
                """
                {"message_id": "%s", "request_id": "%s", "source_system": "1C", "target_system": "DMS",
                 "message_type": "unknown_thing",
                 "payload": {"anything": [1, 2]}}""".formatted(UUID.randomUUID(), requestId),
                MessageProperties.CONTENT_TYPE_JSON);

        await().untilAsserted(() -> assertThat(this.listener.processed)
                .anySatisfy(envelope -> assertThat(envelope.requestId()).isEqualTo(requestId)));
    }

    @Test
    void theConverterChecksAProductEventWithoutAContentTypeAsTheNodeProducerSendsIt() {
        Message valid =
                MessageBuilder.withBody("""
                        {"eventId": "evt-node", "eventType": "PRODUCT_UPDATED", "timestamp": "2025-05-20T10:00:00.000Z",
                         "payload": {"productId": "PROD-98765", "name": "New Product Name", "price": 199.99}}""".getBytes(StandardCharsets.UTF_8)).build();
        valid.getMessageProperties().setInferredArgumentType(ProductEvent.class);
        Message invalid =
                MessageBuilder.withBody("""
                        {"eventId": "evt-node-2", "eventType": "PRODUCT_UPDATED", "timestamp": "2025-05-20T10:00:00Z",
                         "payload": {"productId": " ", "price": "199.99"}}""".getBytes(StandardCharsets.UTF_8)).build();
        invalid.getMessageProperties().setInferredArgumentType(ProductEvent.class);

        this.messageConverter.fromMessage(valid);
        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> this.messageConverter.fromMessage(invalid))
                .withMessage(
                        "Invalid product event: payload.price must be a number, payload.productId must not be blank");
    }

    @Test
    void thePublisherWritesTheCurrentVersionOnEveryEnvelope() {
        MessageEnvelope answer = MessageEnvelope.request(
                        "VERSION-1",
                        "1C",
                        "DMS",
                        "create_user",
                        Map.of("user_id", "U1", "name", "N", "email", "n@x.io"))
                .reply(
                        "dms",
                        "user_created",
                        Map.of("status", "success", "user_id", "U1", "dms_user_id", "DMS-1", "message", "created"));

        this.publisher.publish(answer.responseKey(), answer);

        Message received = await().until(
                        () -> this.rabbitTemplate.receive(HubTopology.ONEC_QUEUE, 1000),
                        message -> message != null
                                && answer.messageId()
                                        .equals(message.getMessageProperties().getMessageId()));
        JsonNode body = this.jsonMapper.readTree(received.getBody());
        assertThat(body.get("schema_version").intValue()).isEqualTo(MessageEnvelope.CURRENT_SCHEMA_VERSION);
    }

    @Test
    void anEnvelopeWithoutAVersionAndOneOfASupportedVersionAreConsumed() {
        String unversioned = "VERSION-NONE-" + UUID.randomUUID();
        String versioned = "VERSION-ONE-" + UUID.randomUUID();
        sendRaw(
                "1c.request.dms.create_user",
                createUser(UUID.randomUUID().toString(), unversioned, ""),
                MessageProperties.CONTENT_TYPE_JSON);
        sendRaw(
                "1c.request.dms.create_user",
                createUser(UUID.randomUUID().toString(), versioned, ", \"schema_version\": 1"),
                MessageProperties.CONTENT_TYPE_JSON);

        await().untilAsserted(() -> assertThat(this.listener.processed)
                .extracting(MessageEnvelope::requestId)
                .contains(unversioned, versioned));
        assertThat(this.listener.processed)
                .filteredOn(envelope -> List.of(unversioned, versioned).contains(envelope.requestId()))
                .extracting(MessageEnvelope::schemaVersion)
                .containsOnly(1);
    }

    @Test
    void anEnvelopeOfAnUnsupportedVersionIsDeadLetteredAtOnceWithTheReasonAndTheRequesterIsAnswered() {
        String messageId = UUID.randomUUID().toString();
        String requestId = "VERSION-3-" + UUID.randomUUID();
        sendRaw(
                "1c.request.dms.create_user",
                createUser(messageId, requestId, ", \"schema_version\": 3, \"context\": {\"step\": 3}"),
                MessageProperties.CONTENT_TYPE_JSON);

        Message dead = await().until(
                        () -> this.rabbitTemplate.receive(HubTopology.DMS_DEAD_LETTER_QUEUE, 1000),
                        received -> received != null
                                && new String(received.getBody(), StandardCharsets.UTF_8).contains(requestId));

        assertThat(dead).isNotNull();
        assertRejectedAtOnce(
                dead,
                messageId,
                requestId,
                "schema_version 3 is not supported; this consumer reads 1",
                UnsupportedSchemaVersionException.class,
                3);
    }

    /**
     * The message was dead-lettered at once as permanent with the reason, never reached the listener, and its
     * requester got an error answer with the reason and its context.
     */
    private void assertRejectedAtOnce(
            Message dead,
            String messageId,
            String requestId,
            String reason,
            Class<? extends Exception> exceptionClass,
            int step) {
        assertThat(dead.getMessageProperties().getHeaders())
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 1)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.PERMANENT)
                .containsEntry(DeadLetterHeaders.EXCEPTION_MESSAGE, reason)
                .containsEntry(DeadLetterHeaders.EXCEPTION_CLASS, exceptionClass.getName());
        assertThat(this.listener.attemptsOf(messageId))
                .as("the listener never saw it")
                .isZero();
        Message answer = await().until(
                        () -> this.rabbitTemplate.receive(HubTopology.ONEC_QUEUE, 1000),
                        received -> received != null
                                && requestId.equals(
                                        received.getMessageProperties().getCorrelationId()));
        assertThat(answer.getMessageProperties().getReceivedRoutingKey()).isEqualTo("dms.response.1c.error");
        MessageEnvelope reply = this.jsonMapper.readValue(answer.getBody(), MessageEnvelope.class);
        assertThat(reply.context()).isEqualTo(Map.of("step", step));
        assertThat(reply.payload()).containsEntry("status", "error").containsEntry("reason", reason);
    }

    private static String createUser(String messageId, String requestId, String more) {
        return """
                {"message_id": "%s", "request_id": "%s", "source_system": "1C", "target_system": "DMS",
                 "message_type": "create_user", "payload": {"user_id": "U9", "name": "N", "email": "n@example.com"}%s}""".formatted(messageId, requestId, more);
    }

    private List<Message> drain(String queue) {
        List<Message> messages = new ArrayList<>();
        for (Message message = this.rabbitTemplate.receive(queue, 1000);
                message != null;
                message = this.rabbitTemplate.receive(queue, 200)) {
            messages.add(message);
        }
        return messages;
    }

    private void sendRaw(String routingKey, String body, @Nullable String contentType) {
        MessageBuilder builder = MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8));
        if (contentType != null) {
            builder.setContentType(contentType);
        }
        this.rabbitTemplate.send(HubTopology.EXCHANGE, routingKey, builder.build());
    }
}
