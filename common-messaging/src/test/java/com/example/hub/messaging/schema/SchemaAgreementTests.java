package com.example.hub.messaging.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.envelope.FailureReply;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RetryNotice;
import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.odoo.ProductEventType;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records of common-messaging and their schemas agree: the same properties, the same required ones, and each
 * record's JSON, as the hub writes it, passes its schema.
 */
class SchemaAgreementTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final MessageSchemas SCHEMAS = new MessageSchemas(JSON);

    @Test
    void theEnvelopeAndItsSchemaAgree() {
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode(MessageSchemas.ENVELOPE), MessageEnvelope.class, Set.of()))
                .isEmpty();
    }

    @Test
    void aFailureReplyAndItsSchemaAgree() {
        // FailureReply's constructor always sets its status; the replier always gives a reason
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode("payloads/error"), FailureReply.class, Set.of("status", "reason")))
                .isEmpty();
        FailureReply reply = new FailureReply("Downstream refused", "dms_dead_letter_queue", "create_user", "dms");
        assertThat(SCHEMAS.violations("payloads/error", JSON.valueToTree(reply)))
                .isEmpty();
        assertThat(SCHEMAS.violations("payloads/error", JSON.valueToTree(new FailureReply("why", null, null, null))))
                .isEmpty();
    }

    @Test
    void aRetryNoticeAndItsSchemaAgree() {
        // the recoverer always says why and when
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode("payloads/retry_scheduled"),
                        RetryNotice.class,
                        Set.of("reason", "next_attempt_at")))
                .isEmpty();
        RetryNotice notice = new RetryNotice("Creatio is down", 3, Instant.parse("2026-01-01T10:00:05Z"), "crm");
        assertThat(SCHEMAS.violations("payloads/retry_scheduled", JSON.valueToTree(notice)))
                .isEmpty();
    }

    @Test
    void aProductEventAndItsSchemaAgree() {
        // what the record does not require, SOINDI's constraints do (ProductEventValidationConfiguration): the schema
        // says it
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode(MessageSchemas.PRODUCT_EVENT),
                        ProductEvent.class,
                        Set.of("eventId", "eventType", "timestamp", "payload")))
                .isEmpty();
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode(MessageSchemas.PRODUCT_EVENT)
                                .path("properties")
                                .path("payload"),
                        ProductEvent.Payload.class,
                        Set.of("productId")))
                .isEmpty();
        for (ProductEventType type : ProductEventType.values()) {
            ProductEvent event = new ProductEvent(
                    "evt-" + type,
                    type,
                    Instant.parse("2025-05-20T10:00:00Z"),
                    new ProductEvent.Payload("P", "N", new BigDecimal("199.99")));
            assertThat(SCHEMAS.violations(MessageSchemas.PRODUCT_EVENT, JSON.valueToTree(event)))
                    .isEmpty();
        }
    }

    @Test
    void disagreementsAreNamed() {
        record Drifted(@NotBlank String userId, String renamed) {}

        assertThat(SchemaAgreement.disagreements(SCHEMAS.schemaNode("payloads/create_user"), Drifted.class, Set.of()))
                .containsExactlyInAnyOrder(
                        "Drifted.renamed has no property renamed in the schema",
                        "the schema does not require userId, which Drifted cannot do without",
                        "Drifted.userId has no property userId in the schema",
                        "the schema's property user_id is no component of Drifted",
                        "the schema's property name is no component of Drifted",
                        "the schema's property email is no component of Drifted");
        assertThat(JSON.valueToTree(Map.of("k", "v")).isObject()).isTrue();
    }
}
