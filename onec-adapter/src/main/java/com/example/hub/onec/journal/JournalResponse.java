package com.example.hub.onec.journal;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A response that came back to 1C, as the journal holds it.
 *
 * @param messageId the message id of the response, unique: a redelivered response is recorded once
 * @param requestId the request it answers, which the journal may not know
 * @param sourceSystem the answering system
 * @param messageType the message type of the response
 * @param payload its payload
 * @param receivedAt when the adapter received it
 * @param deciding whether it decided the outcome of the attempt it answered: the first answer to an attempt does, and
 *     so does a successful answer after a failed one; any other later answer is a repeat
 * @param attempt the attempt of its request it answered; {@code null} while the journal does not know the request
 */
public record JournalResponse(
        String messageId,
        String requestId,
        String sourceSystem,
        String messageType,
        Map<String, Object> payload,
        Instant receivedAt,
        boolean deciding,
        @Nullable Integer attempt) {}
