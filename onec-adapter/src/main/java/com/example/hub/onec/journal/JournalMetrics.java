package com.example.hub.onec.journal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The 1C journal's requests by state, as the gauge {@value #REQUESTS} (tag {@code state}). The counts come from one
 * query, made at most every {@link #MAX_AGE} however often the meters are read, so that scrapes by several
 * Prometheus servers or of several instances cost the database little.
 */
@Component
class JournalMetrics implements MeterBinder {

    static final String REQUESTS = "onec.journal.requests";

    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final Journal journal;

    private Map<RequestState, Long> counts = Map.of();

    private Instant countedAt = Instant.MIN;

    JournalMetrics(Journal journal) {
        this.journal = journal;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (RequestState state : RequestState.values()) {
            if (state == RequestState.OVERDUE) {
                // shown, not stored: an ACCEPTED request without an answer for longer than onec.overdue-after
                continue;
            }
            Gauge.builder(REQUESTS, () -> count(state))
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("Requests in the 1C journal, by state")
                    .baseUnit("requests")
                    .register(registry);
        }
    }

    private synchronized long count(RequestState state) {
        Instant now = Instant.now();
        if (this.countedAt.plus(MAX_AGE).isBefore(now)) {
            this.counts = this.journal.countByState();
            this.countedAt = now;
        }
        return this.counts.getOrDefault(state, 0L);
    }
}
