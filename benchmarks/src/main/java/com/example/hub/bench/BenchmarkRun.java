package com.example.hub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One benchmark run, start to end: starts the stack with the local runner in a fresh virtual host, warms up, measures
 * the 1C → DMS → 1C round trip at fixed rates and at the highest sustainable rate, the CRM path with and without the
 * policy look-up, PerfTest on the same broker, SOINDI draining a backlog, memory and start-up; stops everything and
 * writes {@code results.json}, {@code results.md} and {@code chart.svg}. Run it through {@code benchmarks/run.sh}.
 */
public final class BenchmarkRun {

    static final String ONEC = "onec-adapter";

    static final String DMS = "dms-adapter";

    /** The apps' HTTP ports in a benchmark run. */
    static final Map<String, String> PORTS = Map.of(
            "ONEC_PORT", "15000",
            "DMS_PORT", "18081",
            "CRM_PORT", "18082",
            "SOINDI_PORT", "18083",
            "CONSOLE_PORT", "18085",
            "FAKE_CREATIO_PORT", "18090");

    private final Plan plan;

    private final Path root;

    private final Path results;

    private final Path runDir;

    private final Store store;

    private final String java;

    private final Broker broker;

    private final Stack stack;

    private final Instant started = Instant.now();

    private Machine machine;

    private List<String> busyBeforeStart = List.of();

    private Stack.Startup startup;

    /** Stops analysing the apps' PostgreSQL databases ({@link Store#analyseWhileRunning}). */
    private Runnable stopAnalysing = () -> {};

    private final Map<String, Stack.SpringStarted> springStarted = new LinkedHashMap<>();

    private final Map<String, Double> rssIdleMb = new LinkedHashMap<>();

    private Map<String, Long> messageBytes = Map.of();

    private final List<PointResult> points = new ArrayList<>();

    private PointResult best;

    private final List<Results.Crash> crashes = new ArrayList<>();

    private Profile profile;

    private final List<PerfTest.Result> perfTests = new ArrayList<>();

    private SoindiDrain.Result soindi;

    private PerfTest.Result perfTestDrain;

    private String error;

    private BenchmarkRun(Plan plan, Path root, Path results, Path runDir, String vhost) {
        this.plan = plan;
        this.root = root;
        this.results = results;
        this.runDir = runDir;
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> settings = Settings.effective(root);
        this.broker = new Broker(
                "127.0.0.1",
                Integer.parseInt(settings.getOrDefault("RABBITMQ_PORT", "5672")),
                Integer.parseInt(settings.getOrDefault("RABBITMQ_MANAGEMENT_PORT", "15672")),
                settings.getOrDefault("RABBITMQ_USERNAME", "guest"),
                settings.getOrDefault("RABBITMQ_PASSWORD", "guest"),
                vhost);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("RABBITMQ_HOST", "127.0.0.1");
        environment.put("RABBITMQ_VHOST", vhost);
        // ports of their own, so that a developer's stack on the usual ports cannot answer in their place
        environment.putAll(PORTS);
        // odoo-producer publishes the whole backlog at once: give the broker time to confirm all of it
        environment.put("ODOO_CONFIRM_TIMEOUT", "300s");
        environment.put("HUB_API_KEYS_1C", ApiKey.VALUE);
        this.stack = new Stack(root, runDir, environment);
        this.store = Store.of(plan.store(), vhost, settings);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args);
        Plan plan = Plan.of(options);
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Path results = Path.of(options.get("results")).toAbsolutePath();
        Path runDir = Path.of(options.get("run-dir")).toAbsolutePath();
        Files.createDirectories(results);
        Files.createDirectories(runDir.resolve("logs"));
        BenchmarkRun run = new BenchmarkRun(plan, root, results, runDir, options.get("vhost"));
        System.exit(run.execute());
    }

    private int execute() throws IOException, InterruptedException {
        int exit = 0;
        try {
            this.machine = Machine.describe(this.broker);
            this.busyBeforeStart = Machine.busyProcesses(3);
            measure();
        } catch (Exception ex) {
            exit = 1;
            this.error = ex.toString();
            ex.printStackTrace();
        } finally {
            this.stopAnalysing.run();
            System.out.println("[bench] stopping the stack and deleting virtual host " + this.broker.vhost());
            this.stack.down(this.runDir.resolve("logs").resolve("stack-down.log"));
            try {
                this.broker.deleteVhost();
            } catch (RuntimeException ex) {
                System.out.println("[bench] could not delete the virtual host: " + ex.getMessage());
            }
            try {
                this.store.drop();
            } catch (SQLException ex) {
                System.out.println("[bench] could not drop the run's databases: " + ex.getMessage());
            }
            Report.write(this.results, results());
            System.out.println("[bench] results: " + this.results);
        }
        return exit;
    }

    private Results results() {
        return new Results(
                this.started.toString(),
                Instant.now().toString(),
                Duration.between(this.started, Instant.now()).toSeconds(),
                this.plan.quick() ? "quick" : "full",
                this.plan,
                this.machine,
                Settings.reported(this.root),
                this.busyBeforeStart,
                this.startup,
                this.springStarted,
                this.rssIdleMb,
                this.messageBytes,
                this.points,
                this.best != null ? this.best.name() : null,
                this.crashes,
                this.profile,
                this.perfTests,
                this.soindi,
                this.perfTestDrain,
                this.error);
    }

    private void measure() throws Exception {
        for (Map.Entry<String, String> port : PORTS.entrySet()) {
            if (portInUse(Integer.parseInt(port.getValue()))) {
                throw new IllegalStateException(
                        "Port " + port.getValue() + " (" + port.getKey() + ") is taken: is another benchmark running?");
            }
        }
        System.out.println(
                "[bench] starting the stack (scripts/stack.sh up --no-build) in virtual host " + this.broker.vhost());
        this.store.prepare(this.runDir);
        System.out.println("[bench] the apps keep their data in " + this.store.describe());
        this.stopAnalysing = this.store.analyseWhileRunning();
        Stack.Startup startup = this.stack.up(this.runDir.resolve("logs").resolve("stack-up.log"));
        this.startup = startup;
        for (String app : Stack.APPS) {
            this.springStarted.put(app, this.stack.springStartup(app));
        }
        System.out.println("[bench] stack healthy after " + startup.stackHealthySeconds() + " s (runner: "
                + startup.runnerMillis() + " ms): " + startup.appHealthySeconds());

        // idle: the apps as started, before any load
        Thread.sleep(5000);
        appPids()
                .forEach((app, pid) ->
                        ProcFs.rssKb(pid).ifPresent(kb -> this.rssIdleMb.put(app, Usage.round2(kb / 1024.0))));
        System.out.println("[bench] idle RSS (MiB): " + this.rssIdleMb);

        HubLoad load = new HubLoad(
                this.java,
                this.root.resolve("benchmarks/target/benchmarks.jar"),
                "http://127.0.0.1:" + PORTS.get("ONEC_PORT"),
                this.runDir.resolve("raw"),
                this.broker,
                this::allPids,
                Duration.ofSeconds(this.plan.drainTimeoutSeconds()));

        this.messageBytes = messageSizes(load);

        System.out.println("[bench] warming up (discarded)");
        load.offer("warmup-dms", "dms", this.plan.warmupRate(), this.plan.warmupSeconds());
        load.offer("warmup-crm", "crm", 100, Math.max(3, this.plan.warmupSeconds() / 2));
        load.offer("warmup-crm-policy", "crm_policy", 100, Math.max(3, this.plan.warmupSeconds() / 2));

        for (double rate : this.plan.dmsRates()) {
            this.points.add(checked(load.run(pointName("dms", rate), "dms", rate, this.plan.seconds())));
        }
        this.best = searchMaximum(load, this.points);

        for (double rate : this.plan.crmRates()) {
            this.points.add(checked(load.run(pointName("crm", rate), "crm", rate, this.plan.seconds())));
        }
        for (double rate : this.plan.crmRates()) {
            this.points.add(checked(load.run(pointName("crm_policy", rate), "crm_policy", rate, this.plan.seconds())));
        }

        if (this.plan.profile()) {
            profile(load);
        }
        if (this.plan.perfTest()) {
            runPerfTest();
        }

        if (this.plan.soindiEvents() > 0) {
            SoindiDrain drain = new SoindiDrain(
                    this.stack,
                    this.store,
                    this.broker,
                    this.runDir.resolve("logs"),
                    this::allPids,
                    this.runDir.resolve("profile"),
                    this.results.resolve("profile"));
            this.soindi = drain.run(this.plan.soindiEvents(), 900);
            if (this.plan.perfTest()) {
                this.perfTestDrain = perfTestDrain(this.soindi.eventBytes());
            }
        }
    }

    private void profile(HubLoad load) throws IOException, InterruptedException {
        double profileRate =
                this.best != null ? this.best.targetRate() : this.plan.dmsRates()[0];
        System.out.println("[bench] profiling at " + profileRate + " req/s (not a measured point)");
        Process profileLoad = load.startGenerator("profile-dms", "dms", profileRate, this.plan.profileSeconds());
        Map<String, Long> profiled = new LinkedHashMap<>();
        this.stack.pid(ONEC).ifPresent(pid -> profiled.put(ONEC, pid));
        this.stack.pid(DMS).ifPresent(pid -> profiled.put(DMS, pid));
        this.profile = Profile.capture(
                profiled,
                profileRate,
                profileLoad,
                this.plan.profileSeconds(),
                this.runDir.resolve("profile"),
                this.results.resolve("profile"));
        load.waitUntilDrained(Instant.now().plusSeconds(this.plan.drainTimeoutSeconds()));
    }

    /**
     * Checks that every app survived a point; an app that did not is recorded with the end of its log, and the runner
     * starts it again so that the next points still measure the whole hub.
     */
    private PointResult checked(PointResult point) throws IOException, InterruptedException {
        List<String> dead =
                Stack.APPS.stream().filter(app -> this.stack.pid(app).isEmpty()).toList();
        if (!dead.isEmpty()) {
            for (String app : dead) {
                Results.Crash crash = new Results.Crash(point.name(), app, this.stack.logTail(app, 5));
                this.crashes.add(crash);
                System.out.println("[bench] " + app + " died during " + point.name() + ": " + crash.logTail());
            }
            Stack.Startup restart = this.stack.up(this.runDir.resolve("logs").resolve("restart.log"));
            System.out.println("[bench] restarted " + dead + " (" + restart.runnerMillis() + " ms)");
        }
        return point;
    }

    /**
     * Raises the rate past the fixed points while the hub keeps up, then narrows down between the last rate it kept up
     * with and the first it did not.
     */
    private PointResult searchMaximum(HubLoad load, List<PointResult> points) throws Exception {
        PointResult best = null;
        PointResult firstFailure = null;
        for (PointResult point : points) {
            if (point.sustainable() && (best == null || point.targetRate() > best.targetRate())) {
                best = point;
            }
            if (!point.sustainable() && (firstFailure == null || point.targetRate() < firstFailure.targetRate())) {
                firstFailure = point;
            }
        }
        for (int attempt = 0; attempt < this.plan.maxSearchPoints(); attempt++) {
            double low = best != null ? best.targetRate() : 0;
            double rate;
            if (firstFailure == null) {
                rate = low + this.plan.searchStep();
            } else {
                rate = Math.round((low + firstFailure.targetRate()) / 2 / 50) * 50.0;
                if (rate <= low || rate >= firstFailure.targetRate() || firstFailure.targetRate() - low <= 50) {
                    break;
                }
            }
            PointResult point = checked(load.run(pointName("dms-max", rate), "dms", rate, this.plan.seconds()));
            points.add(point);
            if (point.sustainable()) {
                best = point;
            } else {
                firstFailure = point;
            }
        }
        System.out.println("[bench] highest sustainable 1C -> DMS rate: "
                + (best != null ? best.targetRate() + " req/s (" + best.name() + ")" : "none"));
        return best;
    }

    private PerfTest newPerfTest() throws IOException {
        return new PerfTest(
                this.java,
                this.root.resolve("benchmarks/perf-test/target/lib"),
                this.broker,
                this.results.resolve("perftest"));
    }

    private void runPerfTest() throws IOException, InterruptedException {
        PerfTest perfTest = newPerfTest();
        int size = this.messageBytes.getOrDefault("hub_mean", 450L).intValue();
        String seconds = Long.toString(Math.round(this.plan.seconds()));
        List<PerfTest.Result> runs = this.perfTests;
        // the hub's settings: quorum queue, persistent messages, publisher confirms, the listeners' prefetch, two
        // publishers (1C and DMS) and two consumers (the listener concurrency)
        List<String> common = options(
                "--quorum-queue -u perf-quorum -f persistent -c 100 -q %s -s %d -x 2 -y 2 -z %s",
                this.plan.prefetch(), size, seconds);
        for (double rate : this.plan.dmsRates()) {
            // a round trip is two messages through quorum queues: the same broker load is twice the request rate
            double messages = 2 * rate;
            this.broker.deleteQueue("perf-quorum");
            List<String> arguments = new ArrayList<>(common);
            arguments.addAll(List.of("-r", Long.toString(Math.round(messages / 2))));
            runs.add(perfTest.run(String.format(Locale.ROOT, "quorum-%.0f", messages), arguments));
        }
        this.broker.deleteQueue("perf-quorum");
        runs.add(perfTest.run("quorum-max", common));
        this.broker.deleteQueue("perf-quorum");
    }

    private PerfTest.Result perfTestDrain(int eventBytes) throws IOException, InterruptedException {
        PerfTest perfTest = newPerfTest();
        String count = Integer.toString(this.plan.soindiEvents());
        this.broker.deleteQueue("perf-drain");
        // a classic durable queue like odoo_events, filled with persistent messages of the events' size
        perfTest.run(
                "drain-fill",
                options(
                        "-u perf-drain --auto-delete false -f persistent -c 1000 -s %d -x 1 -y 0 -C %s -z 600",
                        Math.max(eventBytes, 12), count));
        // then drained by one consumer with SOINDI's prefetch, acknowledging each message
        PerfTest.Result drain = perfTest.run(
                "drain",
                options(
                        "-u perf-drain --auto-delete false -p -x 0 -y 1 -q %s -D %s -z 600",
                        this.plan.soindiPrefetch(), count));
        this.broker.deleteQueue("perf-drain");
        return drain;
    }

    /** Body sizes of the hub's requests and responses, tapped from main_exchange while a few requests go through. */
    private Map<String, Long> messageSizes(HubLoad load) throws IOException, InterruptedException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Broker.Tap tap = this.broker.tap("main_exchange", List.of("#"), 1000)) {
            load.offer("sizes-dms", "dms", 20, 2);
            load.offer("sizes-crm", "crm_policy", 20, 2);
            Thread.sleep(1000);
            Map<String, Double> byKey = tap.drain().stream()
                    .collect(Collectors.groupingBy(
                            Map.Entry::getKey, LinkedHashMap::new, Collectors.averagingInt(Map.Entry::getValue)));
            byKey.forEach((key, mean) -> sizes.put(key, Math.round(mean)));
            double hubMean = byKey.entrySet().stream()
                    .filter(entry -> entry.getKey().equals("1c.request.dms.create_user")
                            || entry.getKey().startsWith("dms.response.1c."))
                    .mapToDouble(Map.Entry::getValue)
                    .average()
                    .orElse(450);
            sizes.put("hub_mean", Math.round(hubMean));
        }
        System.out.println("[bench] message sizes (bytes): " + sizes);
        return sizes;
    }

    /** PerfTest's options, from a format with spaces between them. */
    private static List<String> options(String format, Object... arguments) {
        return List.of(String.format(Locale.ROOT, format, arguments).split(" "));
    }

    private static String pointName(String kind, double rate) {
        return String.format(Locale.ROOT, "%s-%.0f", kind, rate);
    }

    private Map<String, Long> appPids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String app : Stack.APPS) {
            this.stack.pid(app).ifPresent(pid -> pids.put(app, pid));
        }
        return pids;
    }

    private Map<String, Long> allPids() {
        Map<String, Long> pids = appPids();
        long broker = brokerPid();
        if (broker > 0) {
            pids.put("rabbitmq", broker);
        }
        pids.put("benchmark-runner", ProcessHandle.current().pid());
        return pids;
    }

    private static long brokerPid() {
        return ProcFs.pidOf("beam.smp").orElse(-1);
    }

    /** Whether something listens on a TCP port of 127.0.0.1. */
    private static boolean portInUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    /**
     * What a run does.
     *
     * @param quick the short development mode
     * @param seconds the length of each measured point
     * @param warmupSeconds the discarded warm-up
     * @param warmupRate its rate of 1C → DMS requests
     * @param dmsRates the fixed rates of the 1C → DMS → 1C round trip
     * @param crmRates the fixed rates of the CRM path, each with and without the policy look-up
     * @param maxSearchPoints extra points at most to find the highest sustainable rate
     * @param searchStep rate step of that search while no point failed yet
     * @param profileSeconds the profiling pass
     * @param drainTimeoutSeconds how long a point may take to drain after its load
     * @param soindiEvents the backlog SOINDI drains (0: skip)
     * @param prefetch the hub listeners' prefetch, for PerfTest
     * @param soindiPrefetch SOINDI's prefetch, for PerfTest
     * @param perfTest whether to run PerfTest
     * @param profile whether to take the profile
     * @param store where the apps keep their data: h2 or postgres ({@link Store})
     */
    record Plan(
            boolean quick,
            double seconds,
            double warmupSeconds,
            double warmupRate,
            double[] dmsRates,
            double[] crmRates,
            int maxSearchPoints,
            double searchStep,
            double profileSeconds,
            long drainTimeoutSeconds,
            int soindiEvents,
            String prefetch,
            String soindiPrefetch,
            boolean perfTest,
            boolean profile,
            String store) {

        static Plan of(Map<String, String> options) {
            boolean quick = options.containsKey("quick");
            Map<String, String> settings = Settings.effective(Path.of(options.getOrDefault("root", ".")));
            return new Plan(
                    quick,
                    Double.parseDouble(options.getOrDefault("seconds", quick ? "8" : "30")),
                    Double.parseDouble(options.getOrDefault("warmup", quick ? "5" : "10")),
                    Double.parseDouble(options.getOrDefault("warmup-rate", "250")),
                    rates(options.getOrDefault("dms-rates", quick ? "250,1000,2000" : "250,500,1000,1500,2000")),
                    rates(options.getOrDefault("crm-rates", quick ? "100" : "100,250,300")),
                    Integer.parseInt(options.getOrDefault("max-search", quick ? "1" : "3")),
                    Double.parseDouble(options.getOrDefault("search-step", "500")),
                    Double.parseDouble(options.getOrDefault("profile-seconds", quick ? "10" : "15")),
                    Long.parseLong(options.getOrDefault("drain-timeout", quick ? "30" : "60")),
                    Integer.parseInt(options.getOrDefault("soindi-events", quick ? "10000" : "100000")),
                    settings.getOrDefault("DMS_PREFETCH", "50"),
                    settings.getOrDefault("SOINDI_PREFETCH", "50"),
                    !"false".equals(options.get("perftest")),
                    !"false".equals(options.get("profile")),
                    options.getOrDefault("store", "h2"));
        }

        private static double[] rates(String list) {
            return list.isBlank()
                    ? new double[0]
                    : Arrays.stream(list.split(","))
                            .mapToDouble(Double::parseDouble)
                            .toArray();
        }
    }
}
