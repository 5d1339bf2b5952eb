package com.example.hub.messaging.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.example.hub.messaging.envelope.FailureReply;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RetryNotice;
import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.odoo.ProductEventType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schemas under {@code hub/schemas} against the messages the hub and its clients send: the README's examples, the
 * seed system's own shapes and the records' JSON pass; each way of breaking a message is named with its location.
 */
class MessageSchemasTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final MessageSchemas SCHEMAS = new MessageSchemas(JSON);

    @Test
    void everyMessageTypeTheHubSendsHasASchema() {
        assertThat(SCHEMAS.schemaNames())
                .contains(
                        MessageSchemas.ENVELOPE,
                        MessageSchemas.PRODUCT_EVENT,
                        "http/send_to_dms",
                        "http/send_to_crm",
                        "payloads/create_user",
                        "payloads/user_created",
                        "payloads/get_policy_info",
                        "payloads/policy_info_response",
                        "payloads/update_order_status",
                        "payloads/order_status_updated",
                        "payloads/error",
                        "payloads/retry_scheduled");
        assertThat(SCHEMAS.payloadSchemaOf(FailureReply.MESSAGE_TYPE)).contains("payloads/error");
        assertThat(SCHEMAS.payloadSchemaOf(RetryNotice.MESSAGE_TYPE)).contains("payloads/retry_scheduled");
        assertThat(SCHEMAS.payloadSchemaOf("CREATE_USER")).contains("payloads/create_user");
        assertThat(SCHEMAS.payloadSchemaOf("unknown_thing")).isEmpty();
    }

    /** Messages as the hub's systems, its README and the seed system write them. */
    static Stream<Arguments> validMessages() {
        return Stream.of(
                Arguments.of(
                        "the seed's envelope: upper-case 1C, no message id, no timestamp",
                        MessageSchemas.ENVELOPE,
                        """
                        {"request_id": "USER_REQ_001", "source_system": "1C", "target_system": "DMS",
                         "message_type": "create_user",
                         "payload": {"user_id": "U12345", "name": "Иванов Иван", "email": "ivanov@example.com"}}"""),
                Arguments.of(
                        "README step 5: an unknown message type, whose payload no schema describes",
                        MessageSchemas.ENVELOPE,
                        """
                        {"request_id":"BAD_1","source_system":"1C","target_system":"DMS","message_type":"unknown_thing","payload":{}}"""),
                Arguments.of("CRM's order_status_updated with DMS's policy", MessageSchemas.ENVELOPE, """
                        {"message_id": "m-1", "request_id": "ORDER_REQ_002", "source_system": "CRM",
                         "target_system": "1C", "message_type": "order_status_updated",
                         "timestamp": "2026-01-01T10:00:00.123Z", "context": {"attempt": 1},
                         "payload": {"order_id": "ORD9876", "new_status": "Shipped", "status": "success",
                                     "message": "Order ORD9876 has status Shipped in Creatio",
                                     "policy": {"status": "found", "policy_number": "POL-ORD9876",
                                                "insurer_name": "Insurer", "policy_status": "ACTIVE",
                                                "start_date": "2026-01-01", "end_date": "2026-12-31"}}}"""),
                Arguments.of("DMS's answer to an unknown policy, with its details null", MessageSchemas.ENVELOPE, """
                        {"request_id": "R", "source_system": "dms", "target_system": "crm",
                         "message_type": "policy_info_response",
                         "payload": {"status": "not_found", "policy_number": "POL-1", "insurer_name": null,
                                     "policy_status": null, "start_date": null, "end_date": null}}"""),
                Arguments.of("an update_order_status that names the status as status", MessageSchemas.ENVELOPE, """
                        {"request_id": "R", "source_system": "1C", "target_system": "CRM",
                         "message_type": "update_order_status", "payload": {"order_id": "O1", "status": "Shipped"}}"""),
                Arguments.of("README step 1: the body of /send_to_dms", "http/send_to_dms", """
                        {"request_id":"USER_REQ_001","user_id":"U12345","name":"Иванов Иван","email":"ivanov@example.com"}"""),
                Arguments.of("README step 2: the body of /send_to_crm", "http/send_to_crm", """
                        {"request_id":"ORDER_REQ_002","order_id":"ORD9876","status":"Shipped","needs_policy_info":true}"""),
                Arguments.of(
                        "the Node Odoo producer's event (JavaScript's timestamp with milliseconds and Z)",
                        MessageSchemas.PRODUCT_EVENT,
                        """
                        {"eventId": "evt-1", "eventType": "PRODUCT_UPDATED", "timestamp": "2025-05-20T10:00:00.000Z",
                         "payload": {"productId": "PROD-98765", "name": "New Product Name", "price": 199.99}}"""),
                Arguments.of(
                        "an Odoo event with an offset and microseconds (Python)", MessageSchemas.PRODUCT_EVENT, """
                        {"eventId": "evt-2", "eventType": "PRODUCT_CREATED", "timestamp": "2025-05-20T12:00:00.123456+02:00",
                         "payload": {"productId": "P", "name": "N", "price": 1}}"""),
                Arguments.of(
                        "a deleted product without an offset, which Odoo means as UTC",
                        MessageSchemas.PRODUCT_EVENT,
                        """
                        {"eventId": "evt-3", "eventType": "PRODUCT_DELETED", "timestamp": "2025-05-20T10:00:00",
                         "payload": {"productId": "P"}}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validMessages")
    void aValidMessagePasses(String description, String schema, String json) {
        JsonNode document = JSON.readTree(json);
        if (MessageSchemas.ENVELOPE.equals(schema)) {
            assertThat(SCHEMAS.envelopeViolations(document)).isEmpty();
        } else {
            assertThat(SCHEMAS.violations(schema, document)).isEmpty();
        }
    }

    /** Broken messages and what the schemas say about them, location by location. */
    static Stream<Arguments> invalidEnvelopes() {
        return Stream.of(
                Arguments.of(
                        """
                        {"message_id": "m", "source_system": "1c", "payload": {}}""",
                        "message_type must not be blank, request_id must not be blank, target_system must not be blank"),
                Arguments.of(
                        """
                        {"request_id": " ", "source_system": "1C", "target_system": "DMS", "message_type": "create_user",
                         "timestamp": "yesterday", "payload": {"user_id": 42, "email": "not-an-email"}}""",
                        "payload.email must be a well-formed email address, payload.name must not be blank, "
                                + "payload.user_id must be a string, request_id must not be blank, timestamp must be an "
                                + "ISO-8601 date-time with an offset, such as 2026-01-01T10:00:00Z"),
                Arguments.of(
                        """
                        {"request_id": "R", "source_system": "dms", "target_system": "crm",
                         "message_type": "policy_info_response", "payload": {"status": "maybe", "end_date": "2026-13-01"}}""",
                        "payload.end_date must be an ISO date, such as 2026-01-31, "
                                + "payload.status must be one of found, not_found, not \"maybe\""),
                Arguments.of(
                        """
                        {"request_id": "R", "source_system": "1C", "target_system": "CRM",
                         "message_type": "update_order_status", "payload": {"order_id": "O1", "needs_policy_info": "yes"}}""", "payload.needs_policy_info must be true or false, payload.new_status must not be blank"),
                Arguments.of("""
                        {"request_id": "R", "source_system": "1C", "target_system": "DMS", "message_type": "create_user",
                         "payload": [1]}""", "payload must be a JSON object"),
                Arguments.of("[1]", "body must be a JSON object"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidEnvelopes")
    void anInvalidEnvelopeIsRefusedWithEachViolationAndItsLocation(String json, String reason) {
        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> SCHEMAS.checkIncoming(json.getBytes(StandardCharsets.UTF_8), MessageEnvelope.class))
                .withMessage("Invalid message: " + reason)
                .satisfies(ex -> assertThat(ex.violations())
                        .allSatisfy(
                                violation -> assertThat(violation.location()).doesNotContain(".")));
    }

    @Test
    void violationsCarryTheirJsonPointer() {
        JsonNode envelope = JSON.readTree("""
                {"request_id": "R", "source_system": "1C", "target_system": "DMS", "message_type": "create_user",
                 "payload": {"user_id": "U1", "name": "N"}}""");

        assertThat(SCHEMAS.envelopeViolations(envelope))
                .containsExactly(new SchemaViolation("/payload/email", "must not be blank", "required"));
    }

    @Test
    void anInvalidProductEventIsRefusedWithEachViolation() {
        String event = """
                {"eventType": "PRODUCT_EXPLODED", "timestamp": "yesterday", "payload": {"price": "1"}}""";

        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> SCHEMAS.checkIncoming(event.getBytes(StandardCharsets.UTF_8), ProductEvent.class))
                .withMessage("Invalid product event: eventId must not be blank, eventType must be one of "
                        + "PRODUCT_CREATED, PRODUCT_UPDATED, PRODUCT_DELETED, not \"PRODUCT_EXPLODED\", "
                        + "payload.price must be a number, payload.productId must not be blank, "
                        + "timestamp is not an ISO-8601 date-time");
    }

    @Test
    void aBodyThatIsNotJsonOrNotAHubMessageIsLeftToTheConverter() {
        SCHEMAS.checkIncoming("{\"eventId\": ".getBytes(StandardCharsets.UTF_8), ProductEvent.class);
        SCHEMAS.checkIncoming("[1]".getBytes(StandardCharsets.UTF_8), Map.class);
        SCHEMAS.checkIncoming("[1]".getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void anOutgoingEnvelopeOrProductEventIsCheckedAsItsJson() {
        MessageEnvelope valid = MessageEnvelope.request(
                "R", "1C", "DMS", "create_user", Map.of("user_id", "U1", "name", "N", "email", "n@example.com"));
        MessageEnvelope invalid = MessageEnvelope.request("R", "1C", "DMS", "create_user", Map.of("user_id", "U1"));
        ProductEvent event = new ProductEvent(
                "evt-1",
                ProductEventType.PRODUCT_UPDATED,
                Instant.parse("2025-05-20T10:00:00Z"),
                new ProductEvent.Payload("P", "N", new BigDecimal("1.50")));

        SCHEMAS.checkOutgoing(valid);
        SCHEMAS.checkOutgoing(event);
        SCHEMAS.checkOutgoing(Map.of("not", "a hub message"));
        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> SCHEMAS.checkOutgoing(invalid))
                .withMessage("Invalid message: payload.email must not be blank, payload.name must not be blank")
                .satisfies(ex -> assertThat(ex.schema()).isEqualTo(MessageSchemas.ENVELOPE));
        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> SCHEMAS.checkOutgoing(new ProductEvent(
                        " ",
                        ProductEventType.PRODUCT_DELETED,
                        Instant.EPOCH,
                        new ProductEvent.Payload("P", null, null))))
                .withMessage("Invalid product event: eventId must not be blank");
    }
}
