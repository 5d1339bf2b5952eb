package com.example.hub.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SOINDI draining a backlog: with SOINDI stopped, odoo-producer publishes the events (they wait in {@code
 * odoo_events}); then SOINDI starts and applies them. The rate is SOINDI's own record: the events in its {@code
 * applied_events} table over the span of their {@code applied_at} times, read from its store (H2 file or PostgreSQL database) once it has stopped.
 */
final class SoindiDrain {

    static final String APP = "soindi-consumer";

    static final String QUEUE = "odoo_events";

    private final Stack stack;

    private final Broker broker;

    private final Path logs;

    private final Supplier<Map<String, Long>> pids;

    private final Store store;

    private final Path recordings;

    private final Path views;

    /**
     * @param recordings where the JFR recording of SOINDI's drain goes
     * @param views where its {@code jfr view}s go
     */
    SoindiDrain(
            Stack stack,
            Store store,
            Broker broker,
            Path logs,
            Supplier<Map<String, Long>> pids,
            Path recordings,
            Path views) {
        this.recordings = recordings;
        this.views = views;
        this.stack = stack;
        this.store = store;
        this.broker = broker;
        this.logs = logs;
        this.pids = pids;
    }

    Result run(int events, long timeoutSeconds) throws IOException, InterruptedException, SQLException {
        this.stack.stop(APP);
        long before = this.broker.ready(QUEUE);
        int eventSize;
        long publishStarted = System.nanoTime();
        try (Broker.Tap tap = this.broker.tap("odoo_events_exchange", List.of("product.#"), 20)) {
            int exit = this.stack.produce(this.logs.resolve("odoo-producer.out"), "--count=" + events);
            if (exit != 0) {
                throw new IllegalStateException(
                        "odoo-producer failed (exit " + exit + "), see " + this.logs.resolve("odoo-producer.out"));
            }
            eventSize = (int)
                    tap.drain().stream().mapToInt(Map.Entry::getValue).average().orElse(0);
        }
        double publishSeconds = (System.nanoTime() - publishStarted) / 1e9;
        long queued = this.broker.ready(QUEUE);
        System.out.printf(
                Locale.ROOT,
                "[bench] soindi: %d events published in %.1f s (odoo-producer, JVM start included); %d waiting in %s"
                        + " (%d before)%n",
                events,
                publishSeconds,
                queued,
                QUEUE,
                before);

        Usage usage = Usage.of(this.pids.get());
        long startedMicros = nowMicros();
        long startedNanos = System.nanoTime();
        Stack.Startup startup = this.stack.up(this.logs.resolve("soindi-start.log"));
        long pid = this.stack.pid(APP).orElseThrow(() -> new IllegalStateException(APP + " did not start"));
        usage.add(APP, pid);
        // where its CPU goes while it drains (JFR's profile settings: a few percent of the drain's rate)
        Profile.start(pid);
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (this.broker.ready(QUEUE) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double emptySeconds = (System.nanoTime() - startedNanos) / 1e9;
        // the last prefetched events are still being applied
        Thread.sleep(3000);
        String name = APP + "-drain";
        Path recording = Profile.stop(pid, this.recordings.resolve(name + ".jfr"));
        Profile.views(name, recording, this.views);
        Usage.Result used = usage.stop();
        this.stack.stop(APP);
        long left = this.broker.ready(QUEUE);

        Map<String, Long> outcomes = new LinkedHashMap<>();
        long applied;
        long first;
        long last;
        try (Connection connection = this.store.soindi(this.stack.runDir());
                Statement statement = connection.createStatement()) {
            try (ResultSet rs =
                    statement.executeQuery("select count(*), min(applied_at), max(applied_at) from applied_events")) {
                rs.next();
                applied = rs.getLong(1);
                first = micros(rs.getObject(2, OffsetDateTime.class));
                last = micros(rs.getObject(3, OffsetDateTime.class));
            }
            try (ResultSet rs = statement.executeQuery(
                    "select outcome, count(*) from applied_events group by outcome order by outcome")) {
                while (rs.next()) {
                    outcomes.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        double drainSeconds = (last - first) / 1e6;
        double fromStartSeconds = (last - startedMicros) / 1e6;
        Result result = new Result(
                events,
                queued,
                eventSize,
                Usage.round2(publishSeconds),
                applied,
                outcomes,
                left,
                Usage.round2(drainSeconds),
                drainSeconds > 0 ? Math.round((applied - 1) / drainSeconds) : 0,
                Usage.round2(fromStartSeconds),
                fromStartSeconds > 0 ? Math.round(applied / fromStartSeconds) : 0,
                startup.appHealthySeconds().getOrDefault(APP, -1),
                Usage.round2(emptySeconds),
                used);
        System.out.printf(
                Locale.ROOT,
                "[bench] soindi: applied %d of %d events in %.1f s: %d events/s (%d/s counting from its start, JVM"
                        + " start-up included); %d left in the queue%n",
                applied,
                queued,
                result.drainSeconds(),
                result.eventsPerSecond(),
                result.eventsPerSecondFromStart(),
                left);
        return result;
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    private static long micros(OffsetDateTime time) {
        if (time == null) {
            return 0;
        }
        Instant instant = time.toInstant();
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    /**
     * @param published events odoo-producer was asked to publish
     * @param queued events waiting in the queue when SOINDI started
     * @param eventBytes mean body size of an event
     * @param publishSeconds how long odoo-producer took, JVM start-up included
     * @param applied rows in SOINDI's applied_events afterwards
     * @param outcomes applied_events by outcome
     * @param leftInQueue events still in the queue after SOINDI stopped
     * @param drainSeconds first → last applied_at
     * @param eventsPerSecond applied events per second over that span
     * @param fromStartSeconds SOINDI's start → last applied_at
     * @param eventsPerSecondFromStart applied events per second counting from SOINDI's start
     * @param startToHealthySeconds SOINDI's start → healthy, as the runner reports it
     * @param queueEmptySeconds SOINDI's start → the queue had no ready messages left
     * @param usage CPU and memory from SOINDI's start until it stopped
     */
    record Result(
            int published,
            long queued,
            int eventBytes,
            double publishSeconds,
            long applied,
            Map<String, Long> outcomes,
            long leftInQueue,
            double drainSeconds,
            long eventsPerSecond,
            double fromStartSeconds,
            long eventsPerSecondFromStart,
            int startToHealthySeconds,
            double queueEmptySeconds,
            Usage.Result usage) {}
}
