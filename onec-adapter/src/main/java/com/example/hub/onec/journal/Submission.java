package com.example.hub.onec.journal;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request of 1C about to be published.
 *
 * @param requestId the business request id
 * @param target the system it goes to
 * @param messageType its message type
 * @param payload the payload to publish
 * @param bodyHash the hash of the parsed request
 * @param messageId the message id of the envelope to publish
 * @param receivedAt when its HTTP request arrived
 * @param attempt which attempt of the request this is, counted from 1
 * @param submittedBy the client that sent it, by its name in {@code hub.security.clients}, such as {@code 1c}
 * @param traceId the trace it is sent in, or {@code null} when none is recorded
 */
public record Submission(
        String requestId,
        String target,
        String messageType,
        Map<String, Object> payload,
        String bodyHash,
        String messageId,
        Instant receivedAt,
        int attempt,
        String submittedBy,
        @Nullable String traceId) {}
