package com.example.hub.onec.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.schema.MessageSchemas;
import com.example.hub.messaging.schema.SchemaAgreement;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * 1C's request bodies agree with their schemas, and what 1C publishes for a body its schema accepts passes the
 * schema of the message it becomes.
 */
class SendSchemaAgreementTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final MessageSchemas SCHEMAS = new MessageSchemas(JSON);

    @Test
    void theBodiesAgreeWithTheirSchemas() {
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode("http/send_to_dms"), SendToDmsRequest.class, Set.of()))
                .isEmpty();
        // status, also accepted as new_status, is required as either name: the schema says it with if/then
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode("http/send_to_crm"), SendToCrmRequest.class, Set.of()))
                .isEmpty();
    }

    @Test
    void whatABodyBecomesPassesTheMessagesSchema() {
        SendToDmsRequest user = JSON.readValue("""
                {"request_id":"USER_REQ_001","user_id":"U12345","name":"Иванов Иван","email":"ivanov@example.com"}""", SendToDmsRequest.class);
        SendToCrmRequest order = JSON.readValue("""
                {"request_id":"ORDER_REQ_002","order_id":"ORD9876","status":"Shipped","needs_policy_info":true,
                 "policy_number":"POL-1"}""", SendToCrmRequest.class);

        MessageEnvelope toDms = MessageEnvelope.request(
                "USER_REQ_001", "1C", SendToDmsRequest.TARGET, SendToDmsRequest.MESSAGE_TYPE, user.payload());
        MessageEnvelope toCrm = MessageEnvelope.request(
                "ORDER_REQ_002", "1C", SendToCrmRequest.TARGET, SendToCrmRequest.MESSAGE_TYPE, order.payload());

        assertThat(SCHEMAS.envelopeViolations(JSON.valueToTree(toDms))).isEmpty();
        assertThat(SCHEMAS.envelopeViolations(JSON.valueToTree(toCrm))).isEmpty();
    }
}
