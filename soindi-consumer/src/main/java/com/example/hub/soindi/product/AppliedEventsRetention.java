package com.example.hub.soindi.product;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Removes the records of events applied longer than {@code soindi.retention.applied-events} ago, every
 * {@code soindi.retention.interval}, in transactions of {@code soindi.retention.batch-size} rows. Several instances
 * sharing a database each remove; a record is removed once.
 */
@Component
class AppliedEventsRetention implements SchedulingConfigurer {

    private static final Logger logger = LoggerFactory.getLogger(AppliedEventsRetention.class);

    private final ProductStore store;

    private final RetentionProperties retention;

    AppliedEventsRetention(ProductStore store, RetentionProperties retention) {
        this.store = store;
        this.retention = retention;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!this.retention.appliedEvents().isZero()) {
            Duration interval = this.retention.interval();
            Duration firstRun = interval.compareTo(Duration.ofMinutes(1)) < 0 ? interval : Duration.ofMinutes(1);
            registrar.addFixedDelayTask(new FixedDelayTask(this::removeExpired, interval, firstRun));
        }
    }

    /**
     * Removes the records of events applied before the retention, batch by batch.
     *
     * @return how many were removed
     */
    long removeExpired() {
        Instant before = Instant.now().minus(this.retention.appliedEvents());
        long removed = 0;
        try {
            for (int batch = this.retention.batchSize(); batch == this.retention.batchSize(); removed += batch) {
                batch = this.store.deleteAppliedEventsBefore(before, this.retention.batchSize());
            }
        } catch (RuntimeException ex) {
            logger.warn("Could not remove applied events before {}, tried again later: {}", before, ex.getMessage());
        }
        if (removed > 0) {
            logger.info("Removed the records of {} events applied before {}", removed, before);
        }
        return removed;
    }
}
