package com.example.hub.onec.journal;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the journal, under {@code onec}.
 *
 * @param overdueAfter how long an accepted request may wait for the answer that decides it before it shows as
 *     {@link RequestState#OVERDUE}, counted from the arrival of its attempt; {@code 0} never shows one overdue
 * @param retention how long the journal keeps what
 */
@ConfigurationProperties("onec")
record JournalProperties(
        @DefaultValue("1h") Duration overdueAfter,
        @DefaultValue Retention retention) {

    JournalProperties {
        if (overdueAfter.isNegative()) {
            throw new IllegalArgumentException("onec.overdue-after must not be negative, not " + overdueAfter);
        }
    }

    /**
     * Whether a request that has waited since a time for its answer is overdue at another.
     *
     * @param waitingSince since when it waits
     * @param now the time to judge at
     * @return whether it is overdue
     */
    boolean overdue(Instant waitingSince, Instant now) {
        return !this.overdueAfter.isZero()
                && waitingSince.plus(this.overdueAfter).isBefore(now);
    }

    /**
     * How long the journal keeps responses, and how it removes older ones.
     *
     * @param responses how long responses are kept after they arrived; their requests keep their outcome. {@code 0}
     *     keeps them for ever
     * @param interval how often older responses are removed
     * @param batchSize how many are removed in one transaction
     */
    record Retention(
            @DefaultValue("30d") Duration responses,
            @DefaultValue("1h") Duration interval,
            @DefaultValue("500") int batchSize) {

        Retention {
            if (responses.isNegative()) {
                throw new IllegalArgumentException("onec.retention.responses must not be negative, not " + responses);
            }
            if (!interval.isPositive() || batchSize < 1) {
                throw new IllegalArgumentException("onec.retention.interval and batch-size must be positive");
            }
        }
    }
}
