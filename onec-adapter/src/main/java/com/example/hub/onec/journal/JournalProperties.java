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
 */
@ConfigurationProperties("onec")
record JournalProperties(@DefaultValue("1h") Duration overdueAfter) {

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
}
