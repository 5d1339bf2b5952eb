package com.example.hub.dms.inbound;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RoutingKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DMS's inbox ({@code handled_requests}): each request it handled, by message id, with the response it sent.
 * Recorded in the transaction of the request's effect, so that the effect and the record are committed together.
 */
@Repository
class HandledRequests {

    private final JdbcClient jdbc;

    private final JsonMapper jsonMapper;

    HandledRequests(JdbcClient jdbc, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
    }

    /**
     * The response sent to a request handled before.
     *
     * @param messageId the request's message id
     * @return the response and where it went, if the request was handled
     */
    Optional<Answer> find(String messageId) {
        return this.jdbc
                .sql("SELECT routing_key, response FROM handled_requests WHERE message_id = :messageId")
                .param("messageId", messageId)
                .query((rs, row) -> new Answer(
                        RoutingKey.parse(rs.getString("routing_key")),
                        this.jsonMapper.readValue(rs.getString("response"), MessageEnvelope.class)))
                .optional();
    }

    /**
     * Records a request as handled, with its response. Fails if the message id was recorded before (a concurrent
     * delivery of the same request), which rolls back the effect of this one.
     *
     * @param messageId the request's message id
     * @param request the request
     * @param answer the response and where it goes
     */
    void record(String messageId, MessageEnvelope request, Answer answer) {
        this.jdbc
                .sql("INSERT INTO handled_requests (message_id, request_id, message_type, routing_key, response,"
                        + " handled_at) VALUES (:messageId, :requestId, :messageType, :routingKey, :response,"
                        + " :handledAt)")
                .param("messageId", messageId)
                .param("requestId", request.requestId())
                .param("messageType", request.messageType())
                .param("routingKey", answer.routingKey().toString())
                .param("response", this.jsonMapper.writeValueAsString(answer.response()))
                .param("handledAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * A response of the DMS and where it goes.
     *
     * @param routingKey the response's routing key
     * @param response the response
     */
    record Answer(RoutingKey routingKey, MessageEnvelope response) {}
}
