package com.example.hub.console.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The console's meters:
 *
 * <ul>
 *   <li>{@value #DEAD_LETTERS}: the ledger's dead letters by {@code group} (the group's key), {@code failure_kind} and
 *       {@code state}, counted with one query every {@code hub.console.metrics-refresh} (10 s) however often it is
 *       read;
 *   <li>{@value #REPLAYS}: dead letters replayed, by {@code queue};
 *   <li>{@value #DISCARDS}: dead letters discarded, by {@code queue}.
 * </ul>
 */
@Component
class ConsoleMetrics {

    static final String DEAD_LETTERS = "hub.console.dead.letters";

    static final String REPLAYS = "hub.console.replays";

    static final String DISCARDS = "hub.console.discards";

    private static final Logger logger = LoggerFactory.getLogger(ConsoleMetrics.class);

    private final Ledger ledger;

    private final MultiGauge deadLetters;

    private final Meter.MeterProvider<Counter> replays;

    private final Meter.MeterProvider<Counter> discards;

    ConsoleMetrics(Ledger ledger, MeterRegistry registry) {
        this.ledger = ledger;
        this.deadLetters = MultiGauge.builder(DEAD_LETTERS)
                .description("Dead letters in the console's ledger, by group of failures and state")
                .register(registry);
        this.replays = Counter.builder(REPLAYS)
                .description("Dead letters replayed to the exchange they were originally published to")
                .withRegistry(registry);
        this.discards = Counter.builder(DISCARDS)
                .description("Dead letters discarded by an operator")
                .withRegistry(registry);
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${hub.console.metrics-refresh:10s}")
    void countLedger() {
        List<Ledger.GroupCount> counts;
        try {
            counts = this.ledger.countByGroupAndState();
        } catch (DataAccessException | CannotCreateTransactionException ex) {
            // the gauge keeps its last counts until the database answers again
            logger.warn("Could not count the ledger for {}: {}", DEAD_LETTERS, ex.getMessage());
            return;
        }
        this.deadLetters.register(
                counts.stream()
                        .map(count -> MultiGauge.Row.of(
                                Tags.of(
                                        "group",
                                        count.group(),
                                        "failure_kind",
                                        count.failureKind(),
                                        "state",
                                        count.state()),
                                count.count()))
                        .toList(),
                true);
    }

    void replayed(String queue) {
        this.replays.withTags("queue", queue).increment();
    }

    void discarded(String queue) {
        this.discards.withTags("queue", queue).increment();
    }
}
