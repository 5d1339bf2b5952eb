package com.example.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a run's results: {@code results.json} (the typed model), {@code results.md} (its tables) and the chart. */
final class Report {

    // the targets of issue 11: sustained round trips (2 broker messages each) at a share of PerfTest's quorum ceiling
    static final double TARGET_CEILING_SHARE = 0.25;

    static final double TARGET_P99_MS = 50;

    static final double TARGET_P99_RATE = 500;

    static final double TARGET_CRM_POLICY_RATE = 300;

    static final double TARGET_SOINDI_RATIO = 0.5;

    static final double TARGET_RSS_MB = 200;

    static final double TARGET_STARTUP_S = 10;

    private Report() {}

    static void write(Path dir, Results results) throws IOException {
        JsonMapper json = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        Files.writeString(dir.resolve("results.json"), json.writeValueAsString(results) + "\n");
        Chart.write(dir.resolve("chart.svg"), results.points(), results.perftest());
        Files.writeString(dir.resolve("results.md"), markdown(results));
    }

    static String markdown(Results r) {
        Machine m = r.machine();
        List<PointResult> points = r.points();
        Optional<PerfTest.Result> ceiling = r.perftest().stream()
                .filter(run -> run.name().equals("quorum-max"))
                .findFirst();
        StringBuilder md = new StringBuilder();
        md.append(f("# Benchmark run %s (%s)%n%n", r.startedAt(), r.mode()));
        md.append(f(
                "The apps kept their data in %s.%n%n",
                r.plan().store().equals("postgres")
                        ? "PostgreSQL (a database per app on this machine's server)"
                        : "H2 (an embedded file per app)"));
        if (m != null) {
            md.append(f(
                    "Machine: %d cores (%s), %s memory, kernel %s; RabbitMQ %s (Erlang %s); JDK %s.%n"
                            + "Load average at start: %s. ",
                    m.nproc(),
                    m.cpuModel(),
                    m.memory(),
                    m.kernel(),
                    m.rabbitmq(),
                    m.erlang(),
                    m.jdk(),
                    m.loadAverageAtStart()));
        }
        md.append(
                r.otherProcessesBeforeStart().isEmpty()
                        ? "Nothing else used more than 5% of a core when the run started.\n"
                        : "Busy before the start: " + String.join("; ", r.otherProcessesBeforeStart()) + ".\n");
        md.append(f(
                "Broker, apps, load generator and PerfTest all ran on this machine. Wall time: %d s.%n",
                r.wallSeconds()));
        if (r.error() != null) {
            md.append("\n**The run failed:** ").append(r.error()).append('\n');
        }

        md.append("\n## Hub round trips (HTTP → 1C journal)\n\nLatency: from the load generator's scheduled send time"
                + " to the `completed_at` the 1C journal recorded (the deciding response received). Open-loop, fixed"
                + " rate; errors and incomplete requests count against the point.\n\n");
        md.append(header(
                "point | offered req/s | accepted req/s | completed/s | p50 ms | p95 ms | p99 ms | max ms |"
                        + " HTTP 202 p99 ms | errors | failed | incomplete | broker msg/s ÷ PerfTest max | sustainable"
                        + " | CPU cores: broker / 1C / DMS / CRM / Creatio / loadgen / machine | other CPU",
                "l r r r r r r r r r r r r l l r"));
        for (PointResult p : points) {
            Latency e2e = p.endToEnd();
            md.append(row(
                    p.name(),
                    f("%.0f", p.targetRate()),
                    f("%.1f", p.acceptedPerSecond()),
                    f("%.1f", p.completedPerSecond()),
                    e2e.p50(),
                    e2e.p95(),
                    e2e.p99(),
                    e2e.max(),
                    p.httpLeg().p99(),
                    p.httpErrors(),
                    p.failed(),
                    p.incomplete(),
                    ceiling.map(c -> f(
                                    "%.0f%%",
                                    100 * p.completedPerSecond() * p.messagesPerRoundTrip() / c.receiveRate()))
                            .orElse("–"),
                    p.sustainable() ? "yes" : "**no**",
                    Stream.of(
                                            "rabbitmq",
                                            "onec-adapter",
                                            "dms-adapter",
                                            "crm-adapter",
                                            "fake-creatio",
                                            "load-generator")
                                    .map(process -> f("%.2f", p.usage().cores().getOrDefault(process, 0.0)))
                                    .collect(Collectors.joining(" / "))
                            + f(" / %.2f", p.usage().machineBusyCores()),
                    f("%.2f", p.usage().otherCores())));
        }
        double maxOther =
                points.stream().mapToDouble(p -> p.usage().otherCores()).max().orElse(0);
        md.append(f(
                "%nOther CPU (processes not of the benchmark, in cores) was at most %.2f during a point%s%n",
                maxOther, maxOther > 0.2 ? ": **the machine was not quiet, these figures are disturbed**." : "."));
        md.append(f(
                "%nA round trip is 2 broker messages (request, response); with the policy look-up 4. \"sustainable\":"
                        + " no errors, all completed, completions ≥ 97%% of the offered rate, p99 ≤ %.0f ms.%n",
                PointResult.SUSTAINABLE_P99_MS));
        if (!r.crashes().isEmpty()) {
            md.append("\n**Apps that died (and were started again):**\n\n");
            r.crashes().forEach(c -> md.append(f("- %s during %s: `%s`%n", c.app(), c.point(), c.logTail())));
        }

        md.append("\n## PerfTest on the same broker (quorum queue, persistent, confirms)\n\n`quorum-N`: N msg/s"
                + " offered, the broker load of N/2 round trips/s (two producers, two consumers); `quorum-max`:"
                + " unlimited publishing, the broker's ceiling (what it delivered to the consumers while taking in as"
                + " much as the publishers sent).\n\n");
        md.append(header(
                "run | options | sent msg/s | received msg/s | consumer p50 ms | p95 ms | p99 ms | confirm p99 ms",
                "l l r r r r r r"));
        Stream.concat(r.perftest().stream(), Stream.ofNullable(r.perftestDrain()))
                .forEach(run -> {
                    Optional<PerfTest.Percentiles> consumer = Optional.ofNullable(run.consumerLatency());
                    md.append(row(
                            run.name(),
                            "`" + run.arguments() + "`",
                            f("%.0f", run.sendRate()),
                            f("%.0f", run.receiveRate()),
                            consumer.map(c -> (Object) c.p50()).orElse("–"),
                            consumer.map(c -> (Object) c.p95()).orElse("–"),
                            consumer.map(c -> (Object) c.p99()).orElse("–"),
                            Optional.ofNullable(run.confirmLatency())
                                    .map(c -> (Object) c.p99())
                                    .orElse("–")));
                });

        SoindiDrain.Result soindi = r.soindiDrain();
        if (soindi != null) {
            md.append(f(
                    "%n## SOINDI backlog drain%n%n%d events (%d bytes each) published by odoo-producer in %.1f s with"
                            + " SOINDI stopped; %d waited in `odoo_events`. SOINDI then applied %d (%s) in %.1f s from"
                            + " its first to its last `applied_at`: **%d events/s** (%d/s counting from its start,"
                            + " which took %d s to healthy); %d left in the queue. PerfTest draining the same number of"
                            + " persistent messages from a classic durable queue with one consumer and the same"
                            + " prefetch: %s msg/s.%nCPU while draining (cores): %s.%n",
                    soindi.published(),
                    soindi.eventBytes(),
                    soindi.publishSeconds(),
                    soindi.queued(),
                    soindi.applied(),
                    soindi.outcomes(),
                    soindi.drainSeconds(),
                    soindi.eventsPerSecond(),
                    soindi.eventsPerSecondFromStart(),
                    soindi.startToHealthySeconds(),
                    soindi.leftInQueue(),
                    r.perftestDrain() != null ? f("%.0f", r.perftestDrain().receiveRate()) : "–",
                    soindi.usage().cores()));
        }

        md.append("\n## Memory and start-up\n\n");
        md.append(header(
                "app | RSS idle MiB | RSS max under load MiB | healthy after s (runner) | Spring \"started in\" s",
                "l r r r r"));
        for (String app : Stack.APPS) {
            double loaded = Stream.concat(
                            points.stream().map(PointResult::usage),
                            Stream.ofNullable(soindi).map(SoindiDrain.Result::usage))
                    .mapToDouble(usage -> usage.rssMaxMb().getOrDefault(app, 0.0))
                    .max()
                    .orElse(0);
            Stack.SpringStarted spring = r.springStarted().get(app);
            md.append(row(
                    app,
                    r.rssIdleMb().getOrDefault(app, null),
                    loaded,
                    r.startup() != null ? r.startup().appHealthySeconds().get(app) : null,
                    spring != null ? spring.startedInS() : null));
        }
        if (r.startup() != null) {
            md.append(f(
                    "%nWhole stack healthy after %d s (the runner's figure, whole seconds; `stack.sh up --no-build`"
                            + " took %d ms in all).%n",
                    r.startup().stackHealthySeconds(), r.startup().runnerMillis()));
        }

        md.append("\n## Targets\n\n").append(header("target | result | met", "l l l"));
        targets(md, r, ceiling);

        if (r.profile() != null) {
            md.append(f(
                    "%n## Profile at %.0f req/s (JFR, `jfr view hot-methods`)%n",
                    r.profile().rate()));
            r.profile()
                    .hotMethods()
                    .forEach((app, lines) -> md.append(f(
                            "%n%s (recording `%s`; more views in `profile/`):%n%n```%n%s%n```%n",
                            app, r.profile().recordings().get(app), String.join("\n", lines))));
        }
        md.append("\n![latency against throughput](chart.svg)\n");
        return md.toString();
    }

    private static void targets(StringBuilder md, Results r, Optional<PerfTest.Result> ceiling) {
        List<PointResult> points = r.points();
        Optional<PointResult> best = points.stream()
                .filter(p -> p.name().equals(r.dmsMaxSustainable()))
                .findFirst();
        double peak = points.stream()
                .filter(p -> p.kind().equals("dms"))
                .mapToDouble(PointResult::completedPerSecond)
                .max()
                .orElse(0);
        double sustained = best.map(PointResult::completedPerSecond).orElse(0.0);
        double share = ceiling.map(c -> 2 * sustained / c.receiveRate()).orElse(0.0);
        md.append(row(
                f(
                        "sustained 1C → DMS → 1C round trips × 2 ≥ %.0f%% of PerfTest's quorum ceiling (confirms,"
                                + " quorum queues)",
                        100 * TARGET_CEILING_SHARE),
                f(
                                "highest sustainable: %.0f/s (%s); peak completed: %.0f/s",
                                sustained, best.map(PointResult::name).orElse("none"), peak)
                        + ceiling.map(c -> f(
                                        "; = %.0f msg/s, %.0f%% of PerfTest's %.0f msg/s",
                                        2 * sustained, 100 * share, c.receiveRate()))
                                .orElse("; no PerfTest ceiling in this run"),
                verdict(share >= TARGET_CEILING_SHARE, share / TARGET_CEILING_SHARE - 1)));
        points.stream()
                .filter(p -> p.kind().equals("dms") && p.targetRate() == TARGET_P99_RATE)
                .findFirst()
                .ifPresent(p -> md.append(row(
                        f("p99 ≤ %.0f ms at %.0f req/s", TARGET_P99_MS, TARGET_P99_RATE),
                        p.completed() == 0
                                ? "no request completed"
                                : f(
                                        "p99 %.1f ms (p50 %.1f, max %.1f)",
                                        p.endToEnd().p99(),
                                        p.endToEnd().p50(),
                                        p.endToEnd().max()),
                        p.completed() == 0
                                ? "**no**"
                                : verdict(
                                        p.endToEnd().p99() <= TARGET_P99_MS && p.sustainable(),
                                        TARGET_P99_MS / Math.max(p.endToEnd().p99(), 0.001) - 1))));
        Optional<PointResult> crmPolicy = points.stream()
                .filter(p -> p.kind().equals("crm_policy") && p.targetRate() >= TARGET_CRM_POLICY_RATE)
                .findFirst();
        md.append(row(
                f("CRM with the policy look-up ≥ %.0f req/s sustained (fake Creatio)", TARGET_CRM_POLICY_RATE),
                crmPolicy
                        .map(p -> f(
                                "%s: %.0f completed/s, p99 %.1f ms, %s",
                                p.name(),
                                p.completedPerSecond(),
                                p.endToEnd().p99(),
                                p.sustainable() ? "sustainable" : "not sustainable"))
                        .orElse(f("no point at %.0f req/s in this run", TARGET_CRM_POLICY_RATE)),
                crmPolicy
                        .map(p -> verdict(p.sustainable(), p.completedPerSecond() / TARGET_CRM_POLICY_RATE - 1))
                        .orElse("**no** (not measured)")));
        SoindiDrain.Result soindi = r.soindiDrain();
        PerfTest.Result drain = r.perftestDrain();
        if (soindi != null && drain != null && drain.receiveRate() > 0) {
            double ratio = soindi.eventsPerSecond() / drain.receiveRate();
            md.append(row(
                    f("SOINDI drain ≥ %.0f%% of PerfTest's consume rate", 100 * TARGET_SOINDI_RATIO),
                    f("%d / %.0f = %.0f%%", soindi.eventsPerSecond(), drain.receiveRate(), 100 * ratio),
                    verdict(ratio >= TARGET_SOINDI_RATIO, ratio / TARGET_SOINDI_RATIO - 1)));
        }
        double maxIdle = r.rssIdleMb().values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        md.append(row(
                f("each app ≤ %.0f MB RSS at idle", TARGET_RSS_MB),
                f("largest %.0f MiB", maxIdle),
                verdict(
                        maxIdle <= TARGET_RSS_MB && !r.rssIdleMb().isEmpty(),
                        TARGET_RSS_MB / Math.max(maxIdle, 1) - 1)));
        if (r.startup() != null) {
            int seconds = r.startup().stackHealthySeconds();
            md.append(row(
                    f("whole stack healthy ≤ %.0f s", TARGET_STARTUP_S),
                    seconds + " s",
                    verdict(seconds <= TARGET_STARTUP_S, TARGET_STARTUP_S / Math.max(seconds, 1) - 1)));
        }
    }

    /** "yes", or "**no** (missed by N%)": how far the result is from the target, relative to the target. */
    private static String verdict(boolean met, double margin) {
        return met ? "yes" : f("**no** (missed by %.0f%%)", Math.abs(margin) * 100);
    }

    /** A table's header: the column names separated by "|", and their alignment, "l" or "r" each. */
    private static String header(String columns, String alignments) {
        return "| " + columns + " |\n|"
                + Stream.of(alignments.split(" "))
                        .map(a -> a.equals("r") ? "---:|" : "---|")
                        .collect(Collectors.joining())
                + "\n";
    }

    private static String row(Object... cells) {
        return Stream.of(cells).map(cell -> Objects.toString(cell, "–")).collect(Collectors.joining(" | ", "| ", " |"))
                + "\n";
    }

    private static String f(String format, Object... arguments) {
        return String.format(Locale.ROOT, format, arguments);
    }
}
