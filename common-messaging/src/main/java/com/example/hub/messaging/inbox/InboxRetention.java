package com.example.hub.messaging.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

/**
 * Removes the inbox's messages handled longer than {@code hub.messaging.inbox.retention} ago, every
 * {@code hub.messaging.inbox.retention-interval}, in transactions of {@code retention-batch-size} rows, on a thread of
 * its own. With several instances sharing a database, each removes; they do not get in each other's way.
 */
final class InboxRetention implements SmartLifecycle, AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(InboxRetention.class);

    private static final Duration LONGEST_INITIAL_DELAY = Duration.ofMinutes(1);

    private final Inbox inbox;

    private final InboxProperties properties;

    private final SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();

    private volatile @Nullable ScheduledFuture<?> task;

    InboxRetention(Inbox inbox, InboxProperties properties) {
        this.inbox = inbox;
        this.properties = properties;
    }

    /**
     * Removes the messages handled before the retention, batch by batch.
     *
     * @return how many were removed
     */
    int removeExpired() {
        Instant before = Instant.now().minus(this.properties.retention());
        int batchSize = this.properties.retentionBatchSize();
        int removed = 0;
        try {
            int batch;
            do {
                batch = this.inbox.deleteHandledBefore(before, batchSize);
                removed += batch;
            } while (batch == batchSize);
        } catch (RuntimeException ex) {
            logger.warn(
                    "Could not remove inbox messages handled before {} (tried again later): {}",
                    before,
                    ex.getMessage());
        }
        if (removed > 0) {
            logger.info("Removed {} inbox messages handled before {} (hub.messaging.inbox.retention)", removed, before);
        }
        return removed;
    }

    @Override
    public void start() {
        if (this.properties.retention().isZero() || this.task != null) {
            return;
        }
        Duration interval = this.properties.retentionInterval();
        Duration initialDelay = interval.compareTo(LONGEST_INITIAL_DELAY) < 0 ? interval : LONGEST_INITIAL_DELAY;
        this.scheduler.setThreadNamePrefix("hub-inbox-retention-");
        this.scheduler.setDaemon(true);
        this.task = this.scheduler.scheduleWithFixedDelay(
                this::removeExpired, Instant.now().plus(initialDelay), interval);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = this.task;
        if (running != null) {
            running.cancel(true);
            this.task = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.task != null;
    }

    @Override
    public void close() {
        stop();
        this.scheduler.close();
    }
}
