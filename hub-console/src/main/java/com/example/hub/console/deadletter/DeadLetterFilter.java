package com.example.hub.console.deadletter;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which dead letters a listing shows; every criterion left out matches all.
 *
 * @param queue the dead-letter queue
 * @param messageType the message type
 * @param failureKind the failure kind
 * @param text a text that the reason contains, ignoring case
 * @param from dead-lettered at or after
 * @param to dead-lettered before
 * @param state {@code pending}, {@code replayed} or {@code discarded}
 * @param group the key of a group of failures
 * @param messageId the message id
 * @param requestId the request id
 */
record DeadLetterFilter(
        @Nullable String queue,
        @Nullable String messageType,
        @Nullable String failureKind,
        @Nullable String text,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String state,
        @Nullable String group,
        @Nullable String messageId,
        @Nullable String requestId) {}
