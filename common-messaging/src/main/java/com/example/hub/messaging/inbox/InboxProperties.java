package com.example.hub.messaging.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of a consumer's {@link Inbox}, under {@code hub.messaging.inbox}.
 *
 * <p>The inbox is how a consumer recognises a message delivered again, so a message is kept far longer than any
 * redelivery can take: a crash before the acknowledgement (seconds), the delayed retries
 * ({@code hub.messaging.retry.give-up-after}, 30 minutes by default), and the time a dead letter may wait before it is
 * replayed. A message delivered again after its entry was removed is handled again.
 *
 * @param enabled whether the application keeps an inbox (its migrations then create {@code hub_inbox})
 * @param retention how long a handled message is kept; at least a day, and longer than
 *     {@code hub.messaging.retry.give-up-after}; {@code 0} keeps every message for ever
 * @param retentionInterval how often older messages are removed (the first time a minute after start at the latest)
 * @param retentionBatchSize how many are removed in one transaction
 */
@ConfigurationProperties("hub.messaging.inbox")
public record InboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration retentionInterval,
        @DefaultValue("500") int retentionBatchSize) {

    /** The shortest retention other than {@code 0}. */
    static final Duration SHORTEST_RETENTION = Duration.ofDays(1);

    public InboxProperties {
        if (retention.isNegative() || (!retention.isZero() && retention.compareTo(SHORTEST_RETENTION) < 0)) {
            throw new IllegalArgumentException("hub.messaging.inbox.retention must be at least " + SHORTEST_RETENTION
                    + " (or 0 to keep every message), not " + retention
                    + ": the inbox must outlive any redelivery of a message it recognises");
        }
        if (!retentionInterval.isPositive() || retentionBatchSize < 1) {
            throw new IllegalArgumentException(
                    "hub.messaging.inbox.retention-interval and retention-batch-size must be positive");
        }
    }
}
