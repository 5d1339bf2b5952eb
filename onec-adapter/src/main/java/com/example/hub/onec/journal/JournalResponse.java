package com.example.hub.onec.journal;

import java.time.Instant;
import java.util.Map;

/**
 * A response that came back to 1C, as the journal holds it.
 *
 * @param messageId the message id of the response, unique: a redelivered response is recorded once
 * @param requestId the request it answers, which the journal may not know
 * @param sourceSystem the answering system
 * @param messageType the message type of the response
 * @param payload its payload
 * @param receivedAt when the adapter received it
 * @param deciding whether it decided its request's outcome; a later answer to a decided request is a repeat
 */
public record JournalResponse(
        String messageId,
        String requestId,
        String sourceSystem,
        String messageType,
        Map<String, Object> payload,
        Instant receivedAt,
        boolean deciding) {}
