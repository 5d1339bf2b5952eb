package com.example.hub.onec.journal;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request of 1C as the journal holds it.
 *
 * @param requestId the business request id, unique
 * @param target the system the request was sent to, such as {@code DMS}
 * @param messageType the message type of the request
 * @param payload the payload that was (or is to be) published
 * @param bodyHash a hash of the parsed request that tells a repeated request from a different one
 * @param state where the request stands
 * @param reason why it failed or was not sent, or {@code null}
 * @param messageId the message id of the envelope last published for it
 * @param createdAt when the journal first recorded it
 * @param updatedAt when its entry last changed
 * @param receivedAt when the HTTP request that was published arrived
 * @param completedAt when the response that decided its outcome arrived, or {@code null}
 * @param attempts how often the target system tried it so far, while it waits for a delayed retry there, or {@code
 *     null}
 * @param nextAttemptAt when the target system tries it next, or {@code null}
 * @param lastFailure why the target system's last attempt failed, or {@code null}
 * @param attempt the request's current attempt, counted from 1: sending it again after it failed, or after its
 *     publishing failed, is another attempt
 * @param submittedBy the client that sent its current attempt, by its name in {@code hub.security.clients}; {@code
 *     null} for a request journalled before the journal recorded it
 */
public record JournalRequest(
        String requestId,
        String target,
        String messageType,
        Map<String, Object> payload,
        String bodyHash,
        RequestState state,
        @Nullable String reason,
        @Nullable String messageId,
        Instant createdAt,
        Instant updatedAt,
        Instant receivedAt,
        @Nullable Instant completedAt,
        @Nullable Integer attempts,
        @Nullable Instant nextAttemptAt,
        @Nullable String lastFailure,
        int attempt,
        @Nullable String submittedBy) {}
