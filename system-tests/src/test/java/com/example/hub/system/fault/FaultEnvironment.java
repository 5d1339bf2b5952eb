package com.example.hub.system.fault;

import static org.awaitility.Awaitility.await;

import com.example.hub.testsupport.LocalPostgres;
import com.example.hub.testsupport.LocalRabbitNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * What a fault test class runs on: a RabbitMQ node of its own, a PostgreSQL server of its own when the apps' stores
 * are to live there, and the stack started by {@code scripts/stack.sh} against them. {@link #close()} stops all of
 * it and deletes its data, also after a failure.
 */
final class FaultEnvironment implements AutoCloseable {

    static final List<String> APPS = List.of(FaultStack.ONEC, FaultStack.DMS, FaultStack.CRM, FaultStack.SOINDI);

    /** The apps whose stores move to the PostgreSQL server, with their databases. */
    private static final Map<String, String> DATABASES =
            Map.of(FaultStack.ONEC, "onec", FaultStack.DMS, "dms", FaultStack.SOINDI, "soindi");

    /** How long a drain waits at most for the requests of a scenario to be final. */
    static final Duration DRAIN = Duration.ofMinutes(8);

    /**
     * How long a drain waits at most without progress: longer than the longest delay between retries (5 min by
     * default), so that requests waiting in a retry queue, or behind a paused listener, are waited for.
     */
    static final Duration STALL = Duration.ofMinutes(6);

    /** How long the load goes on at least after the fault is over. */
    static final Duration TAIL = Duration.ofSeconds(10);

    private final Path directory;

    private LocalRabbitNode node;

    private LocalPostgres postgres;

    private FaultStack stack;

    private FaultEnvironment(Path directory) {
        this.directory = directory;
    }

    /**
     * Starts a node, a PostgreSQL server if asked for, and the stack on them, healthy.
     *
     * @param name a name for the directory of it all, under {@code system-tests/target/fault} (with the pid)
     * @param storesOnPostgres whether the 1C journal, the DMS's and SOINDI's stores live on a PostgreSQL server of the
     *     suite's instead of their H2 files
     */
    static FaultEnvironment start(String name, boolean storesOnPostgres) {
        // of this test run: another run of the suite in this tree meanwhile does not touch it
        FaultEnvironment environment = new FaultEnvironment(FaultStack.ROOT
                .resolve("system-tests/target/fault")
                .resolve(name + "-" + ProcessHandle.current().pid()));
        try {
            environment.node = LocalRabbitNode.start(environment.directory.resolve("rabbitmq"));
            environment.stack = new FaultStack(environment.directory.resolve("stack"), environment.node);
            if (storesOnPostgres) {
                environment.postgres = LocalPostgres.start(environment.directory.resolve("postgres"));
                DATABASES.forEach((app, database) -> environment.stack.settingsOf(
                        app,
                        Map.of(
                                "SPRING_DATASOURCE_URL", environment.postgres.createDatabase(database),
                                "SPRING_DATASOURCE_USERNAME", environment.postgres.username(),
                                "SPRING_DATASOURCE_PASSWORD", environment.postgres.password())));
            }
            environment.stack.up();
            return environment;
        } catch (RuntimeException | Error ex) {
            environment.close();
            throw ex;
        }
    }

    LocalRabbitNode node() {
        return this.node;
    }

    LocalPostgres postgres() {
        return this.postgres;
    }

    FaultStack stack() {
        return this.stack;
    }

    /**
     * Runs a load of 1C requests (and Odoo events, if {@code eventsPerSecond > 0}) while the fault is injected, waits
     * until the load is over, and drains.
     *
     * @param prefix what the ids of this run start with
     * @param mix the kinds of request, in turn
     * @param requestsPerSecond requests per second
     * @param eventsPerSecond Odoo events per second, 0 for none
     * @param length how long the load runs at least; it goes on for {@link #TAIL} after the fault is over
     * @param fault what is done to the system meanwhile, on the run's clock
     * @param drain how long to wait at most, after the load, for every accepted request and event to be final
     * @param stall how long to wait at most without progress
     * @return the run
     */
    Run run(
            String prefix,
            List<RequestKind> mix,
            int requestsPerSecond,
            int eventsPerSecond,
            Duration length,
            Fault fault,
            Duration drain,
            Duration stall)
            throws Exception {
        ensureUp();
        SoindiAudit soindi = new SoindiAudit(this.stack);
        int appliedBefore = soindi.appliedInLog();
        FaultClock clock = new FaultClock();
        Duration longest = length.plus(TAIL).plusMinutes(3);
        HubLoad load = new HubLoad(this.stack.uri(FaultStack.ONEC), prefix, mix, requestsPerSecond).start(longest);
        try (OdooPublisher events = new OdooPublisher(this.node, prefix)) {
            if (eventsPerSecond > 0) {
                events.start(eventsPerSecond, longest);
            }
            String faultFailure = null;
            try {
                fault.inject(clock);
            } catch (Exception | AssertionError ex) {
                // counted and shown with the figures; the scenario fails on it after they are written
                faultFailure = ex.getMessage() != null
                        ? ex.getMessage().lines().findFirst().orElse("")
                        : ex.toString();
                clock.note("fault step failed (" + faultFailure + ")");
            }
            // the load goes on for its length, and at least TAIL after the fault, however long the recovery took
            Duration rest = length.minus(clock.elapsed());
            Duration more = rest.compareTo(TAIL) > 0 ? rest : TAIL;
            load.stopAfter(more);
            events.stopAfter(more);
            List<SentRequest> requests = load.awaitFinished(more.plusMinutes(1));
            List<OdooEvent> published = events.awaitFinished(more.plusMinutes(1));
            clock.note("load over");
            JournalAudit journal = new JournalAudit(this.stack);
            Map<String, JsonNode> finals = journal.drain(requests, drain, stall);
            Tally eventTally = eventsPerSecond > 0 ? soindi.audit(published, appliedBefore, drain, stall) : null;
            boolean ready = awaitReady();
            return new Run(clock, requests, finals, eventTally, journal, ready, faultFailure);
        }
    }

    /**
     * Starts any app that an earlier scenario of the class left stopped or dead (e.g. crashed for want of memory),
     * so that each scenario begins with the whole stack healthy; running apps are left alone.
     */
    void ensureUp() {
        this.stack.start(FaultStack.CREATIO, FaultStack.ONEC, FaultStack.DMS, FaultStack.CRM, FaultStack.SOINDI);
    }

    /** Whether every app's readiness is UP within two minutes. */
    boolean awaitReady() {
        return awaitReady(APPS.stream().map(this.stack::uri).toList());
    }

    /**
     * Whether the readiness of every app named by its base URI is UP within two minutes.
     *
     * @param apps the apps' base URIs
     */
    static boolean awaitReady(List<URI> apps) {
        try {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> apps.stream().allMatch(app -> {
                        Http.Answer health = Http.get(app.resolve("/actuator/health/readiness"));
                        return health.ok()
                                && "UP".equals(health.body().path("status").asString());
                    }));
            return true;
        } catch (ConditionTimeoutException ex) {
            return false;
        }
    }

    /** Stops the apps, the PostgreSQL server and the node, and deletes their data and jars; the apps' logs stay. */
    @Override
    public void close() {
        try {
            if (this.stack != null) {
                this.stack.down();
            }
        } finally {
            FileSystemUtils.deleteRecursively(
                    this.directory.resolve("stack").resolve("data").toFile());
            FileSystemUtils.deleteRecursively(
                    this.directory.resolve("stack").resolve("jars").toFile());
            try {
                if (this.postgres != null) {
                    this.postgres.close();
                }
            } finally {
                if (this.node != null) {
                    this.node.close();
                }
            }
        }
    }

    /** A fault, injected on the clock of a run. */
    @FunctionalInterface
    interface Fault {

        void inject(FaultClock clock) throws Exception;
    }

    /** A run of a load and a fault, drained, to be counted. */
    record Run(
            FaultClock clock,
            List<SentRequest> requests,
            Map<String, JsonNode> finals,
            Tally events,
            JournalAudit journal,
            boolean ready,
            String faultFailure) {

        /**
         * The figures of a scenario: of the requests that match (and the events, if there were any), written to
         * {@code target/reliability/<scenario>.md}.
         */
        Figures figures(String scenario, String title, String load, Predicate<SentRequest> requestsOfScenario) {
            Tally tally = this.journal.count(
                    this.requests.stream().filter(requestsOfScenario).toList(), this.finals);
            if (this.events != null) {
                tally.add(this.events);
            }
            if (this.faultFailure != null) {
                tally.finding("a step of the fault failed", this.faultFailure);
            }
            Figures figures =
                    new Figures(scenario, title, load, tally, this.clock.elapsed(), this.clock.window(), this.ready);
            ReliabilityReport.write(figures);
            return figures;
        }
    }
}
