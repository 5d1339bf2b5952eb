package com.example.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
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

    private final String java;

    private final Broker broker;

    private final Stack stack;

    private final Map<String, Object> report = new LinkedHashMap<>();

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
        Instant started = Instant.now();
        this.report.put("started_at", started.toString());
        this.report.put("mode", this.plan.quick() ? "quick" : "full");
        this.report.put("plan", this.plan);
        this.report.put("machine", Machine.describe(this.java, this.broker));
        this.report.put("settings", Settings.effective(this.root));
        this.report.put("other_processes_before_start", Machine.busyProcesses(3));
        int exit = 0;
        try {
            measure();
        } catch (Exception ex) {
            exit = 1;
            this.report.put("error", ex.toString());
            ex.printStackTrace();
        } finally {
            System.out.println("[bench] stopping the stack and deleting virtual host " + this.broker.vhost());
            this.stack.down(this.runDir.resolve("logs").resolve("stack-down.log"));
            try {
                this.broker.deleteVhost();
            } catch (IOException ex) {
                System.out.println("[bench] could not delete the virtual host: " + ex.getMessage());
            }
            this.report.put("finished_at", Instant.now().toString());
            this.report.put(
                    "wall_seconds", Duration.between(started, Instant.now()).toSeconds());
            Report.write(this.results, this.report);
            System.out.println("[bench] results: " + this.results);
        }
        return exit;
    }

    private void measure() throws Exception {
        for (Map.Entry<String, String> port : PORTS.entrySet()) {
            if (Procs.portInUse(Integer.parseInt(port.getValue()))) {
                throw new IllegalStateException(
                        "Port " + port.getValue() + " (" + port.getKey() + ") is taken: is another benchmark running?");
            }
        }
        System.out.println(
                "[bench] starting the stack (scripts/stack.sh up --no-build) in virtual host " + this.broker.vhost());
        Stack.Startup startup = this.stack.up(this.runDir.resolve("logs").resolve("stack-up.log"));
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("app_healthy_s", startup.appHealthySeconds());
        start.put("stack_healthy_s", startup.stackHealthySeconds());
        start.put("runner_ms", startup.runnerMillis());
        Map<String, Object> spring = new LinkedHashMap<>();
        for (String app : Stack.APPS) {
            spring.put(app, this.stack.springStartup(app));
        }
        start.put("spring_started", spring);
        this.report.put("startup", start);
        System.out.println("[bench] stack healthy after " + startup.stackHealthySeconds() + " s (runner: "
                + startup.runnerMillis() + " ms): " + startup.appHealthySeconds());

        // idle: the apps as started, before any load
        Thread.sleep(5000);
        Map<String, Object> idle = new LinkedHashMap<>();
        for (Map.Entry<String, Long> app : appPids().entrySet()) {
            Procs.rssKb(app.getValue()).ifPresent(kb -> idle.put(app.getKey(), Usage.round2(kb / 1024.0)));
        }
        this.report.put("rss_idle_mb", idle);
        System.out.println("[bench] idle RSS (MiB): " + idle);

        HubLoad load = new HubLoad(
                this.java,
                this.root.resolve("benchmarks/target/benchmarks.jar"),
                "http://127.0.0.1:" + PORTS.get("ONEC_PORT"),
                this.runDir.resolve("raw"),
                this.broker,
                this::allPids,
                Duration.ofSeconds(this.plan.drainTimeoutSeconds()));

        Map<String, Object> sizes = messageSizes(load);
        this.report.put("message_bytes", sizes);

        System.out.println("[bench] warming up (discarded)");
        load.offer("warmup-dms", "dms", this.plan.warmupRate(), this.plan.warmupSeconds());
        load.offer("warmup-crm", "crm", 100, Math.max(3, this.plan.warmupSeconds() / 2));
        load.offer("warmup-crm-policy", "crm_policy", 100, Math.max(3, this.plan.warmupSeconds() / 2));

        List<PointResult> points = new ArrayList<>();
        this.report.put("points", points);
        for (double rate : this.plan.dmsRates()) {
            points.add(checked(load.run(pointName("dms", rate), "dms", rate, this.plan.seconds())));
        }
        PointResult best = searchMaximum(load, points);
        this.report.put("dms_max_sustainable", best != null ? best.name() : null);

        for (double rate : this.plan.crmRates()) {
            points.add(checked(load.run(pointName("crm", rate), "crm", rate, this.plan.seconds())));
        }
        for (double rate : this.plan.crmRates()) {
            points.add(checked(load.run(pointName("crm_policy", rate), "crm_policy", rate, this.plan.seconds())));
        }

        if (this.plan.profile()) {
            profile(load, best);
        }
        if (this.plan.perfTest()) {
            runPerfTest(sizes);
        }

        if (this.plan.soindiEvents() > 0) {
            SoindiDrain drain = new SoindiDrain(this.stack, this.broker, this.runDir.resolve("logs"), this::allPids);
            SoindiDrain.Result soindi = drain.run(this.plan.soindiEvents(), 900);
            this.report.put("soindi_drain", soindi);
            if (this.plan.perfTest()) {
                this.report.put("perftest_drain", perfTestDrain(soindi.eventBytes()));
            }
        }
    }

    private void profile(HubLoad load, PointResult best) throws IOException, InterruptedException {
        double profileRate = best != null ? best.targetRate() : this.plan.dmsRates()[0];
        System.out.println("[bench] profiling at " + profileRate + " req/s (not a measured point)");
        Process profileLoad = load.startGenerator("profile-dms", "dms", profileRate, this.plan.profileSeconds());
        Map<String, Long> profiled = new LinkedHashMap<>();
        this.stack.pid(ONEC).ifPresent(pid -> profiled.put(ONEC, pid));
        this.stack.pid(DMS).ifPresent(pid -> profiled.put(DMS, pid));
        Map<String, Object> profile = Profile.capture(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                profiled,
                brokerPid(),
                this.results.resolve("profile"),
                profileLoad,
                this.plan.profileSeconds());
        profile.put("rate", profileRate);
        this.report.put("profile", profile);
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
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> crashes = (List<Map<String, Object>>)
                    this.report.computeIfAbsent("crashes", key -> new ArrayList<Map<String, Object>>());
            for (String app : dead) {
                Map<String, Object> crash = new LinkedHashMap<>();
                crash.put("point", point.name());
                crash.put("app", app);
                crash.put("log_tail", this.stack.logTail(app, 5));
                crashes.add(crash);
                System.out.println("[bench] " + app + " died during " + point.name() + ": " + crash.get("log_tail"));
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
                if (rate <= low || rate >= firstFailure.targetRate() || firstFailure.targetRate() - low <= 100) {
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

    private void runPerfTest(Map<String, Object> sizes) throws IOException, InterruptedException {
        PerfTest perfTest = new PerfTest(
                this.java,
                this.root.resolve("benchmarks/perf-test/target/lib"),
                this.broker,
                this.results.resolve("perftest"));
        int size = ((Number) sizes.getOrDefault("hub_mean", 450)).intValue();
        String seconds = Long.toString(Math.round(this.plan.seconds()));
        List<PerfTest.Result> runs = new ArrayList<>();
        // the hub's settings: quorum queue, persistent messages, publisher confirms, the listeners' prefetch, two
        // publishers (1C and DMS) and two consumers (the listener concurrency)
        List<String> common = List.of(
                "--quorum-queue",
                "-u",
                "perf-quorum",
                "-f",
                "persistent",
                "-c",
                "100",
                "-q",
                this.plan.prefetch(),
                "-s",
                Integer.toString(size),
                "-x",
                "2",
                "-y",
                "2",
                "-z",
                seconds);
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
        this.report.put("perftest", runs);
    }

    private PerfTest.Result perfTestDrain(int eventBytes) throws IOException, InterruptedException {
        PerfTest perfTest = new PerfTest(
                this.java,
                this.root.resolve("benchmarks/perf-test/target/lib"),
                this.broker,
                this.results.resolve("perftest"));
        String count = Integer.toString(this.plan.soindiEvents());
        this.broker.deleteQueue("perf-drain");
        // a classic durable queue like odoo_events, filled with persistent messages of the events' size
        perfTest.run(
                "drain-fill",
                List.of(
                        "-u",
                        "perf-drain",
                        "--auto-delete",
                        "false",
                        "-f",
                        "persistent",
                        "-c",
                        "1000",
                        "-s",
                        Integer.toString(Math.max(eventBytes, 12)),
                        "-x",
                        "1",
                        "-y",
                        "0",
                        "-C",
                        count,
                        "-z",
                        "600"));
        // then drained by one consumer with SOINDI's prefetch, acknowledging each message
        PerfTest.Result drain = perfTest.run(
                "drain",
                List.of(
                        "-u",
                        "perf-drain",
                        "--auto-delete",
                        "false",
                        "-p",
                        "-x",
                        "0",
                        "-y",
                        "1",
                        "-q",
                        this.plan.soindiPrefetch(),
                        "-D",
                        count,
                        "-z",
                        "600"));
        this.broker.deleteQueue("perf-drain");
        return drain;
    }

    /** Body sizes of the hub's requests and responses, tapped from main_exchange while a few requests go through. */
    private Map<String, Object> messageSizes(HubLoad load) throws IOException, InterruptedException {
        Map<String, Object> sizes = new LinkedHashMap<>();
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
        OptionalLong pid = Procs.findByName("beam.smp");
        return pid.orElse(-1);
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
            boolean profile) {

        static Plan of(Map<String, String> options) {
            boolean quick = options.containsKey("quick");
            Map<String, String> settings = Settings.effective(Path.of(options.getOrDefault("root", ".")));
            return new Plan(
                    quick,
                    Double.parseDouble(options.getOrDefault("seconds", quick ? "8" : "30")),
                    Double.parseDouble(options.getOrDefault("warmup", quick ? "5" : "10")),
                    Double.parseDouble(options.getOrDefault("warmup-rate", "250")),
                    rates(options.getOrDefault("dms-rates", quick ? "250,1000,2000" : "250,500,1000,1500,2000")),
                    rates(options.getOrDefault("crm-rates", quick ? "100" : "100,250")),
                    Integer.parseInt(options.getOrDefault("max-search", quick ? "1" : "3")),
                    Double.parseDouble(options.getOrDefault("search-step", "500")),
                    Double.parseDouble(options.getOrDefault("profile-seconds", quick ? "10" : "15")),
                    Long.parseLong(options.getOrDefault("drain-timeout", quick ? "30" : "60")),
                    Integer.parseInt(options.getOrDefault("soindi-events", quick ? "10000" : "100000")),
                    settings.getOrDefault("DMS_PREFETCH", "50"),
                    settings.getOrDefault("SOINDI_PREFETCH", "50"),
                    !"false".equals(options.get("perftest")),
                    !"false".equals(options.get("profile")));
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
