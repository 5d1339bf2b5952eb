package com.example.hub.onec.journal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to send a request of 1C: each publishing of it, under a message id of its own.
 *
 * @param attempt its number, counted from 1
 * @param messageId the message id it was published under
 * @param state its outcome: {@link RequestState#PUBLISHING} until the broker confirmed it, then
 *     {@link RequestState#ACCEPTED} or {@link RequestState#NOT_SENT}, and {@link RequestState#COMPLETED} or
 *     {@link RequestState#FAILED} once an answer to it came back
 * @param reason why it failed or was not sent, or {@code null}
 * @param receivedAt when the HTTP request that made it arrived
 * @param completedAt when the answer that decided it arrived, or {@code null}
 * @param traceId the trace it was sent in (its HTTP request, its message and the answers to it), or {@code null}
 */
public record JournalAttempt(
        int attempt,
        String messageId,
        RequestState state,
        @Nullable String reason,
        Instant receivedAt,
        @Nullable Instant completedAt,
        @Nullable String traceId) {}
