package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.envelope.MessageEnvelope;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MessageEnvelopeJsonTests {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void writesSnakeCaseFieldsAndAnIsoUtcTimestamp() {
        MessageEnvelope envelope =
                MessageEnvelope.request("USER_REQ_001", "1C", "DMS", "create_user", Map.of("user_id", "U12345"));

        JsonNode written = this.json.valueToTree(envelope);

        assertThat(written.propertyNames())
                .containsExactlyInAnyOrder(
                        "message_id",
                        "request_id",
                        "source_system",
                        "target_system",
                        "message_type",
                        "timestamp",
                        "payload",
                        "schema_version");
        assertThat(written.get("schema_version").intValue()).isEqualTo(MessageEnvelope.CURRENT_SCHEMA_VERSION);
        assertThat(written.get("timestamp").asString()).endsWith("Z");
        assertThat(Instant.parse(written.get("timestamp").asString())).isEqualTo(envelope.timestamp());
        assertThat(written.get("message_id").asString()).hasSize(36);
        assertThat(written.at("/payload/user_id").asString()).isEqualTo("U12345");
    }

    @Test
    void readsTheJsonExistingClientsSendAndIgnoresUnknownFields() {
        String sent = """
                {"request_id": "USER_REQ_001", "source_system": "1C", "target_system": "DMS",
                 "message_type": "create_user", "timestamp": "2025-05-20T10:00:00Z",
                 "payload": {"user_id": "U12345", "name": "Иванов Иван"}, "priority": "high"}
                """;

        MessageEnvelope envelope = this.json.readValue(sent, MessageEnvelope.class);

        assertThat(envelope.requestId()).isEqualTo("USER_REQ_001");
        assertThat(envelope.sourceSystem()).isEqualTo("1C");
        assertThat(envelope.timestamp()).isEqualTo(Instant.parse("2025-05-20T10:00:00Z"));
        assertThat(envelope.payload()).containsEntry("name", "Иванов Иван");
        assertThat(envelope.requestKey()).hasToString("1c.request.dms.create_user");
        assertThat(envelope.schemaVersion()).as("absent means version 1").isEqualTo(1);
    }

    @Test
    void readsTheVersionAnEnvelopeSaysAndWritesItBack() {
        String sent = """
                {"request_id": "R2", "source_system": "1C", "target_system": "DMS", "message_type": "create_user",
                 "payload": {}, "schema_version": 7}
                """;

        MessageEnvelope envelope = this.json.readValue(sent, MessageEnvelope.class);

        assertThat(envelope.schemaVersion()).isEqualTo(7);
        assertThat(this.json
                        .valueToTree(envelope.withContext(Map.of("k", "v")))
                        .get("schema_version")
                        .intValue())
                .as("a copy of the same message keeps its version")
                .isEqualTo(7);
        assertThat(envelope.withMessageId("M2").schemaVersion()).isEqualTo(7);
        assertThat(envelope.reply("dms", "user_created", Map.of()).schemaVersion())
                .as("an answer is a new message of the hub, of the current version")
                .isEqualTo(MessageEnvelope.CURRENT_SCHEMA_VERSION);
        assertThat(this.json
                        .readValue(sent.replace("7", "null"), MessageEnvelope.class)
                        .schemaVersion())
                .isEqualTo(1);
    }

    @Test
    void theConstructorWithoutAVersionMakesAnEnvelopeOfTheCurrentVersion() {
        MessageEnvelope envelope = new MessageEnvelope(
                "M1", "R1", "1C", "DMS", "create_user", Instant.parse("2026-01-01T10:00:00Z"), Map.of(), null);

        assertThat(envelope.schemaVersion()).isEqualTo(MessageEnvelope.CURRENT_SCHEMA_VERSION);
    }

    @Test
    void aReplyGoesBackToTheSourceWithTheSameRequestIdAndContext() {
        MessageEnvelope request = MessageEnvelope.request(
                        "R1", "CRM", "DMS", "get_policy_info", Map.of("policy_number", "POL-1"))
                .withContext(Map.of("order_id", "ORD1"));

        MessageEnvelope reply = request.reply("dms", "policy_info_response", Map.of("status", "found"));

        assertThat(reply.requestId()).isEqualTo("R1");
        assertThat(reply.context()).isEqualTo(Map.of("order_id", "ORD1"));
        assertThat(reply.messageId()).isNotEqualTo(request.messageId());
        assertThat(reply.responseKey()).hasToString("dms.response.crm.policy_info_response");
    }
}
