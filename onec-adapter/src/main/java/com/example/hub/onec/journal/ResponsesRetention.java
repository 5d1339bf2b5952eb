package com.example.hub.onec.journal;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Removes responses older than {@code onec.retention.responses}, every {@code onec.retention.interval} (the first time
 * a minute after start at the latest), in transactions of {@code onec.retention.batch-size} rows, so that the
 * journal's table stops growing without holding long locks. The requests keep their state, attempts and outcome.
 */
@Component
class ResponsesRetention implements SchedulingConfigurer {

    private static final Logger logger = LoggerFactory.getLogger(ResponsesRetention.class);

    private static final Duration LONGEST_INITIAL_DELAY = Duration.ofMinutes(1);

    private final Journal journal;

    private final JournalProperties.Retention retention;

    ResponsesRetention(Journal journal, JournalProperties properties) {
        this.journal = journal;
        this.retention = properties.retention();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (this.retention.responses().isZero()) {
            logger.info("Responses are kept for ever (onec.retention.responses=0)");
            return;
        }
        Duration interval = this.retention.interval();
        Duration initialDelay = interval.compareTo(LONGEST_INITIAL_DELAY) < 0 ? interval : LONGEST_INITIAL_DELAY;
        registrar.addFixedDelayTask(new FixedDelayTask(this::removeExpired, interval, initialDelay));
    }

    /**
     * Removes the responses older than the retention, batch by batch.
     *
     * @return how many were removed
     */
    int removeExpired() {
        Instant before = Instant.now().minus(this.retention.responses());
        int removed = 0;
        try {
            int batch;
            do {
                batch = this.journal.deleteResponsesReceivedBefore(before, this.retention.batchSize());
                removed += batch;
            } while (batch == this.retention.batchSize());
        } catch (RuntimeException ex) {
            logger.warn(
                    "Could not remove responses received before {} (tried again later): {}", before, ex.getMessage());
        }
        if (removed > 0) {
            logger.info("Removed {} responses received before {} (onec.retention.responses)", removed, before);
        }
        return removed;
    }
}
