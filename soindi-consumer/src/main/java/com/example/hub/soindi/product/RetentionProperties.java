package com.example.hub.soindi.product;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long SOINDI keeps its records of applied events, under {@code soindi.retention}.
 *
 * <p>{@code applied_events} is how SOINDI recognises an event delivered again (a crash before the acknowledgement, a
 * replayed dead letter): keep it far longer than any redelivery can take. A redelivered event whose record was
 * removed is still not applied again: it is not newer than its product's last event, so it is recorded as
 * {@code STALE} and leaves the product as it is.
 *
 * @param appliedEvents how long an applied event is recorded; at least a day; {@code 0} keeps every record for ever
 * @param interval how often older records are removed (the first time a minute after start at the latest)
 * @param batchSize how many are removed in one transaction
 */
@ConfigurationProperties("soindi.retention")
record RetentionProperties(
        @DefaultValue("30d") Duration appliedEvents,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("500") int batchSize) {

    private static final Duration SHORTEST = Duration.ofDays(1);

    RetentionProperties {
        if (appliedEvents.isNegative() || (!appliedEvents.isZero() && appliedEvents.compareTo(SHORTEST) < 0)) {
            throw new IllegalArgumentException("soindi.retention.applied-events must be at least " + SHORTEST
                    + " (or 0 to keep every record), not " + appliedEvents
                    + ": it recognises events delivered again");
        }
        if (!interval.isPositive() || batchSize < 1) {
            throw new IllegalArgumentException("soindi.retention.interval and batch-size must be positive");
        }
    }
}
