package com.example.hub.console.deadletter;

import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Dead letters that failed for the same cause ({@link FailureCause}).
 *
 * @param group the group's key
 * @param failureKind the failure kind
 * @param exceptionClass the exception class, empty when the broker dead-lettered them
 * @param reasonTemplate the reason with its numbers and ids replaced by {@code <n>} and {@code <id>}
 * @param count how many dead letters the ledger has of it
 * @param pending how many of them are neither replayed nor discarded
 * @param replayed how many were replayed
 * @param discarded how many were discarded
 * @param firstSeen when the first of them was dead-lettered
 * @param lastSeen when the last of them was dead-lettered
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record FailureGroup(
        String group,
        String failureKind,
        String exceptionClass,
        String reasonTemplate,
        long count,
        long pending,
        long replayed,
        long discarded,
        Instant firstSeen,
        Instant lastSeen) {}
