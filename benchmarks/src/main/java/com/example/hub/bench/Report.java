package com.example.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a run's results: {@code results.json}, {@code results.md} and {@code chart.svg}. */
final class Report {

    static final double TARGET_ROUND_TRIPS = 2000;

    static final double TARGET_P99_MS = 50;

    static final double TARGET_P99_RATE = 1000;

    static final double TARGET_SOINDI_RATIO = 0.7;

    static final double TARGET_RSS_MB = 200;

    static final double TARGET_STARTUP_S = 20;

    private Report() {}

    static void write(Path dir, Map<String, Object> report) throws IOException {
        JsonMapper json = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        Files.writeString(dir.resolve("results.json"), json.writeValueAsString(report) + "\n");
        Files.writeString(dir.resolve("chart.svg"), Chart.svg(points(report), perfTests(report)));
        Files.writeString(dir.resolve("results.md"), markdown(report));
    }

    @SuppressWarnings("unchecked")
    private static List<PointResult> points(Map<String, Object> report) {
        return (List<PointResult>) report.getOrDefault("points", List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<PerfTest.Result> perfTests(Map<String, Object> report) {
        return (List<PerfTest.Result>) report.getOrDefault("perftest", List.of());
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report) {
        StringBuilder md = new StringBuilder();
        Map<String, Object> machine = (Map<String, Object>) report.getOrDefault("machine", Map.of());
        md.append("# Benchmark run ")
                .append(report.get("started_at"))
                .append(" (")
                .append(report.get("mode"))
                .append(")\n\n");
        md.append("Machine: ")
                .append(machine.get("nproc"))
                .append(" cores (")
                .append(machine.get("cpu_model"))
                .append("), ")
                .append(machine.get("memory"))
                .append(" memory, kernel ")
                .append(machine.get("kernel"))
                .append("; RabbitMQ ")
                .append(machine.get("rabbitmq"))
                .append(" (Erlang ")
                .append(machine.get("erlang"))
                .append("); ")
                .append(machine.get("jdk"))
                .append(".\n");
        md.append("Load average at start: ")
                .append(machine.get("load_average_at_start"))
                .append(". ");
        List<String> others = (List<String>) report.getOrDefault("other_processes_before_start", List.of());
        md.append(
                others.isEmpty()
                        ? "Nothing else used more than 5% of a core when the run started.\n"
                        : "Busy before the start: " + String.join("; ", others) + ".\n");
        md.append("Broker, apps, load generator and PerfTest all ran on this machine. Wall time: ")
                .append(report.get("wall_seconds"))
                .append(" s.\n");
        if (report.containsKey("error")) {
            md.append("\n**The run failed:** ").append(report.get("error")).append("\n");
        }

        List<PointResult> points = points(report);
        List<PerfTest.Result> perfTests = perfTests(report);
        PerfTest.Result ceiling = perfTests.stream()
                .filter(result -> result.name().equals("quorum-max"))
                .findFirst()
                .orElse(null);
        double ceilingRate = ceiling != null ? ceiling.receiveRate() : 0;

        md.append("\n## Hub round trips (HTTP → 1C journal)\n\n");
        md.append("Latency: from the load generator's scheduled send time to the `completed_at` the 1C journal "
                + "recorded (the deciding response received). Open-loop, fixed rate; errors and incomplete "
                + "requests count against the point.\n\n");
        md.append("| point | offered req/s | accepted req/s | completed/s | p50 ms | p95 ms | p99 ms | max ms |"
                + " HTTP 202 p99 ms | errors | failed | incomplete | broker msg/s ÷ PerfTest max | sustainable |"
                + " CPU cores: broker / 1C / DMS / CRM / Creatio / loadgen / machine | other CPU |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|\n");
        for (PointResult point : points) {
            Map<String, Double> cores = point.usage().cores();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %s | %s |"
                            + " %.2f / %.2f / %.2f / %.2f / %.2f / %.2f / %.2f | %.2f |\n",
                    point.name(),
                    point.targetRate(),
                    point.acceptedPerSecond(),
                    point.completedPerSecond(),
                    point.endToEnd().p50(),
                    point.endToEnd().p95(),
                    point.endToEnd().p99(),
                    point.endToEnd().max(),
                    point.httpLeg().p99(),
                    point.httpErrors(),
                    point.failed(),
                    point.incomplete(),
                    ceilingRate > 0
                            ? String.format(
                                    Locale.ROOT,
                                    "%.0f%%",
                                    100 * point.completedPerSecond() * point.messagesPerRoundTrip() / ceilingRate)
                            : "–",
                    point.sustainable() ? "yes" : "**no**",
                    cores.getOrDefault("rabbitmq", 0.0),
                    cores.getOrDefault("onec-adapter", 0.0),
                    cores.getOrDefault("dms-adapter", 0.0),
                    cores.getOrDefault("crm-adapter", 0.0),
                    cores.getOrDefault("fake-creatio", 0.0),
                    cores.getOrDefault("load-generator", 0.0),
                    point.usage().machineBusyCores(),
                    point.usage().otherCores()));
        }
        double maxOther = points.stream()
                .mapToDouble(point -> point.usage().otherCores())
                .max()
                .orElse(0);
        md.append(String.format(
                Locale.ROOT,
                "\nOther CPU (processes not of the benchmark, in cores) was at most %.2f during a point%s\n",
                maxOther,
                maxOther > 0.2 ? ": **the machine was not quiet, these figures are disturbed**." : "."));
        md.append("\nA round trip is 2 broker messages (request, response); with the policy look-up 4. "
                + "\"sustainable\": no errors, all completed, completions ≥ 97% of the offered rate, p99 ≤ "
                + (int) PointResult.SUSTAINABLE_P99_MS + " ms.\n");

        List<Map<String, Object>> crashes = (List<Map<String, Object>>) report.get("crashes");
        if (crashes != null) {
            md.append("\n**Apps that died (and were started again):**\n\n");
            for (Map<String, Object> crash : crashes) {
                md.append("- ")
                        .append(crash.get("app"))
                        .append(" during ")
                        .append(crash.get("point"))
                        .append(": `")
                        .append(String.valueOf(crash.get("log_tail")).replace('`', '\''))
                        .append("`\n");
            }
        }
        md.append("\n## PerfTest on the same broker (quorum queue, persistent, confirms)\n\n");
        md.append("`quorum-N`: N msg/s offered, the broker load of N/2 round trips/s (two producers, two consumers);"
                + " `quorum-max`: unlimited publishing, the broker's ceiling (what it delivered to the consumers"
                + " while taking in as much as the publishers sent).\n\n");
        md.append("| run | options | sent msg/s | received msg/s | consumer p50 ms | p95 ms | p99 ms |"
                + " confirm p99 ms |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (PerfTest.Result run : perfTests) {
            md.append(perfTestRow(run));
        }
        PerfTest.Result drain = (PerfTest.Result) report.get("perftest_drain");
        if (drain != null) {
            md.append(perfTestRow(drain));
        }

        SoindiDrain.Result soindi = (SoindiDrain.Result) report.get("soindi_drain");
        if (soindi != null) {
            md.append("\n## SOINDI backlog drain\n\n");
            md.append(String.format(
                    Locale.ROOT,
                    "%d events (%d bytes each) published by odoo-producer in %.1f s with SOINDI stopped; %d waited in"
                            + " `odoo_events`. SOINDI then applied %d (%s) in %.1f s from its first to its last"
                            + " `applied_at`: **%d events/s** (%d/s counting from its start, which took %d s to"
                            + " healthy); %d left in the queue. PerfTest draining the same number of persistent"
                            + " messages from a classic durable queue with one consumer and the same prefetch: %s"
                            + " msg/s.\n",
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
                    drain != null ? String.format(Locale.ROOT, "%.0f", drain.receiveRate()) : "–"));
            md.append("CPU while draining (cores): ")
                    .append(soindi.usage().cores())
                    .append(".\n");
        }

        md.append("\n## Memory and start-up\n\n");
        Map<String, Object> idle = (Map<String, Object>) report.getOrDefault("rss_idle_mb", Map.of());
        Map<String, Object> startup = (Map<String, Object>) report.getOrDefault("startup", Map.of());
        Map<String, Object> healthy = (Map<String, Object>) startup.getOrDefault("app_healthy_s", Map.of());
        Map<String, Object> spring = (Map<String, Object>) startup.getOrDefault("spring_started", Map.of());
        md.append("| app | RSS idle MiB | RSS max under load MiB | healthy after s (runner) |"
                + " Spring \"started in\" s |\n|---|---:|---:|---:|---:|\n");
        for (String app : Stack.APPS) {
            double loaded = points.stream()
                    .mapToDouble(point -> point.usage().rssMaxMb().getOrDefault(app, 0.0))
                    .max()
                    .orElse(0);
            if (soindi != null) {
                loaded = Math.max(loaded, soindi.usage().rssMaxMb().getOrDefault(app, 0.0));
            }
            Map<String, Object> started = (Map<String, Object>) spring.getOrDefault(app, Map.of());
            md.append("| ")
                    .append(app)
                    .append(" | ")
                    .append(idle.getOrDefault(app, "–"))
                    .append(" | ")
                    .append(loaded)
                    .append(" | ")
                    .append(healthy.getOrDefault(app, "–"))
                    .append(" | ")
                    .append(started.getOrDefault("started_in_s", "–"))
                    .append(" |\n");
        }
        md.append("\nWhole stack healthy after ")
                .append(startup.get("stack_healthy_s"))
                .append(" s (the runner's figure, whole seconds; `stack.sh up --no-build` took ")
                .append(startup.get("runner_ms"))
                .append(" ms in all).\n");

        md.append("\n## Targets\n\n| target | result | met |\n|---|---|---|\n");
        targets(md, report, points, ceiling, soindi, drain, idle, startup);

        Map<String, Object> profile = (Map<String, Object>) report.get("profile");
        if (profile != null) {
            md.append("\n## Profile at ").append(profile.get("rate")).append(" req/s\n\n");
            md.append("CPU (cores) by thread pool: `")
                    .append(profile.get("cpu_cores_by_thread_pool"))
                    .append("`\n\nThread activity over 3 dumps: `")
                    .append(profile.get("thread_activities_over_3_samples"))
                    .append("`\n");
        }
        md.append("\n![latency against throughput](chart.svg)\n");
        return md.toString();
    }

    private static String perfTestRow(PerfTest.Result run) {
        PerfTest.Percentiles consumer = run.consumerLatency();
        PerfTest.Percentiles confirm = run.confirmLatency();
        return String.format(
                Locale.ROOT,
                "| %s | `%s` | %.0f | %.0f | %s | %s | %s | %s |\n",
                run.name(),
                run.arguments(),
                run.sendRate(),
                run.receiveRate(),
                consumer != null ? consumer.p50() : "–",
                consumer != null ? consumer.p95() : "–",
                consumer != null ? consumer.p99() : "–",
                confirm != null ? confirm.p99() : "–");
    }

    @SuppressWarnings("unchecked")
    private static void targets(
            StringBuilder md,
            Map<String, Object> report,
            List<PointResult> points,
            PerfTest.Result ceiling,
            SoindiDrain.Result soindi,
            PerfTest.Result drain,
            Map<String, Object> idle,
            Map<String, Object> startup) {
        Object bestName = report.get("dms_max_sustainable");
        PointResult best = points.stream()
                .filter(point -> point.name().equals(bestName))
                .findFirst()
                .orElse(null);
        double peak = points.stream()
                .filter(point -> point.kind().equals("dms"))
                .mapToDouble(PointResult::completedPerSecond)
                .max()
                .orElse(0);
        double sustained = best != null ? best.completedPerSecond() : 0;
        md.append(String.format(
                Locale.ROOT,
                "| ≥ %.0f completed 1C → DMS → 1C round trips/s (confirms, quorum queues) | highest sustainable: %.0f/s"
                        + " (%s); peak completed: %.0f/s%s | %s |\n",
                TARGET_ROUND_TRIPS,
                sustained,
                best != null ? best.name() : "none",
                peak,
                ceiling != null
                        ? String.format(
                                Locale.ROOT,
                                "; = %.0f msg/s, %.0f%% of PerfTest's %.0f msg/s",
                                2 * sustained,
                                100 * 2 * sustained / ceiling.receiveRate(),
                                ceiling.receiveRate())
                        : "",
                verdict(sustained / TARGET_ROUND_TRIPS >= 1, sustained / TARGET_ROUND_TRIPS - 1)));
        PointResult at1000 = points.stream()
                .filter(point -> point.kind().equals("dms") && point.targetRate() == TARGET_P99_RATE)
                .findFirst()
                .orElse(null);
        if (at1000 != null && at1000.completed() == 0) {
            md.append(String.format(
                    Locale.ROOT,
                    "| p99 ≤ %.0f ms at %.0f req/s | no request completed | **no** |\n",
                    TARGET_P99_MS,
                    TARGET_P99_RATE));
        } else if (at1000 != null) {
            md.append(String.format(
                    Locale.ROOT,
                    "| p99 ≤ %.0f ms at %.0f req/s | p99 %.1f ms (p50 %.1f, max %.1f) | %s |\n",
                    TARGET_P99_MS,
                    TARGET_P99_RATE,
                    at1000.endToEnd().p99(),
                    at1000.endToEnd().p50(),
                    at1000.endToEnd().max(),
                    verdict(
                            at1000.endToEnd().p99() <= TARGET_P99_MS && at1000.sustainable(),
                            TARGET_P99_MS / Math.max(at1000.endToEnd().p99(), 0.001) - 1)));
        }
        if (soindi != null && drain != null && drain.receiveRate() > 0) {
            double ratio = soindi.eventsPerSecond() / drain.receiveRate();
            md.append(String.format(
                    Locale.ROOT,
                    "| SOINDI drain ≥ %.0f%% of PerfTest's consume rate | %d / %.0f = %.0f%% | %s |\n",
                    100 * TARGET_SOINDI_RATIO,
                    soindi.eventsPerSecond(),
                    drain.receiveRate(),
                    100 * ratio,
                    verdict(ratio >= TARGET_SOINDI_RATIO, ratio / TARGET_SOINDI_RATIO - 1)));
        }
        double maxIdle = idle.values().stream()
                .mapToDouble(value -> ((Number) value).doubleValue())
                .max()
                .orElse(0);
        md.append(String.format(
                Locale.ROOT,
                "| each app < %.0f MB RSS at idle | largest %.0f MiB | %s |\n",
                TARGET_RSS_MB,
                maxIdle,
                verdict(maxIdle < TARGET_RSS_MB && !idle.isEmpty(), TARGET_RSS_MB / Math.max(maxIdle, 1) - 1)));
        Object stackSeconds = startup.get("stack_healthy_s");
        if (stackSeconds instanceof Number seconds) {
            md.append(String.format(
                    Locale.ROOT,
                    "| whole stack healthy ≤ %.0f s | %d s | %s |\n",
                    TARGET_STARTUP_S,
                    seconds.intValue(),
                    verdict(
                            seconds.doubleValue() <= TARGET_STARTUP_S,
                            TARGET_STARTUP_S / Math.max(seconds.doubleValue(), 1) - 1)));
        }
    }

    /** "yes", or "**no**, missed by N%" (how far the result is from the target, relative to the target). */
    private static String verdict(boolean met, double margin) {
        return met ? "yes" : String.format(Locale.ROOT, "**no** (missed by %.0f%%)", Math.abs(margin) * 100);
    }

    /** A latency-against-throughput chart, in SVG: p99 (log scale) over broker messages per second. */
    static final class Chart {

        private static final int WIDTH = 920;

        private static final int HEIGHT = 540;

        private static final int LEFT = 80;

        private static final int RIGHT = 260;

        private static final int TOP = 40;

        private static final int BOTTOM = 60;

        private Chart() {}

        record Series(String label, String color, List<double[]> points) {}

        static String svg(List<PointResult> points, List<PerfTest.Result> perfTests) {
            List<Series> series = new ArrayList<>();
            for (String[] kind : new String[][] {
                {"dms", "hub 1C→DMS→1C round trip", "#d62728"},
                {"crm", "hub 1C→CRM→1C", "#ff7f0e"},
                {"crm_policy", "hub 1C→CRM→DMS→CRM→1C", "#9467bd"}
            }) {
                List<double[]> xy = points.stream()
                        .filter(point -> point.kind().equals(kind[0]) && point.completed() > 0)
                        .sorted(Comparator.comparingDouble(PointResult::targetRate))
                        .map(point -> new double[] {
                            point.completedPerSecond() * point.messagesPerRoundTrip(),
                            point.endToEnd().p99()
                        })
                        .toList();
                if (!xy.isEmpty()) {
                    series.add(new Series(kind[1] + " (p99 end to end)", kind[2], xy));
                }
            }
            List<double[]> perf = perfTests.stream()
                    .filter(run -> run.consumerLatency() != null && run.receiveRate() > 0)
                    .sorted(Comparator.comparingDouble(PerfTest.Result::receiveRate))
                    .map(run -> new double[] {
                        run.receiveRate(), run.consumerLatency().p99()
                    })
                    .toList();
            if (!perf.isEmpty()) {
                series.add(new Series("PerfTest quorum queue (p99 publish→consume)", "#1f77b4", perf));
            }
            double xMax = series.stream()
                    .flatMap(s -> s.points().stream())
                    .mapToDouble(p -> p[0])
                    .max()
                    .orElse(1000);
            xMax = niceCeiling(xMax * 1.05);
            double yMinData = series.stream()
                    .flatMap(s -> s.points().stream())
                    .mapToDouble(p -> p[1])
                    .filter(v -> v > 0)
                    .min()
                    .orElse(1);
            double yMaxData = series.stream()
                    .flatMap(s -> s.points().stream())
                    .mapToDouble(p -> p[1])
                    .max()
                    .orElse(1000);
            int yLow = (int) Math.floor(Math.log10(Math.max(Math.min(yMinData, TARGET_P99_MS), 0.1)));
            int yHigh = (int) Math.ceil(Math.log10(Math.max(yMaxData, TARGET_P99_MS * 2)));
            double plotWidth = WIDTH - LEFT - RIGHT;
            double plotHeight = HEIGHT - TOP - BOTTOM;
            double xScale = plotWidth / xMax;
            java.util.function.DoubleUnaryOperator x = value -> LEFT + value * xScale;
            java.util.function.DoubleUnaryOperator y = value ->
                    TOP + plotHeight * (1 - (Math.log10(Math.max(value, Math.pow(10, yLow))) - yLow) / (yHigh - yLow));

            StringBuilder svg = new StringBuilder();
            svg.append(String.format(
                    Locale.ROOT,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                            + " font-family=\"sans-serif\" font-size=\"12\">\n",
                    WIDTH,
                    HEIGHT,
                    WIDTH,
                    HEIGHT));
            svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">p99 latency against throughput"
                            + " (same broker, same run)</text>\n",
                    LEFT));
            for (int i = 0; i <= 5; i++) {
                double value = xMax * i / 5;
                double px = x.applyAsDouble(value);
                svg.append(line(px, TOP, px, TOP + plotHeight, "#e0e0e0", false));
                svg.append(text(px, TOP + plotHeight + 18, String.format(Locale.ROOT, "%.0f", value), "middle"));
            }
            for (int exponent = yLow; exponent <= yHigh; exponent++) {
                double py = y.applyAsDouble(Math.pow(10, exponent));
                svg.append(line(LEFT, py, LEFT + plotWidth, py, "#e0e0e0", false));
                svg.append(text(LEFT - 8, py + 4, format(Math.pow(10, exponent)), "end"));
            }
            svg.append(line(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight, "#000", false));
            svg.append(line(LEFT, TOP, LEFT, TOP + plotHeight, "#000", false));
            double target = y.applyAsDouble(TARGET_P99_MS);
            svg.append(line(LEFT, target, LEFT + plotWidth, target, "#2ca02c", true));
            svg.append(text(LEFT + plotWidth - 4, target - 4, "target p99 50 ms (at 1000 req/s)", "end"));
            double targetRate = x.applyAsDouble(2 * TARGET_ROUND_TRIPS);
            if (2 * TARGET_ROUND_TRIPS <= xMax) {
                svg.append(line(targetRate, TOP, targetRate, TOP + plotHeight, "#2ca02c", true));
                svg.append(text(targetRate + 4, TOP + 12, "target 2000 round trips/s", "start"));
            }
            svg.append(text(
                    LEFT + plotWidth / 2,
                    HEIGHT - 18,
                    "broker messages per second (hub: completed round trips/s × messages per round trip)",
                    "middle"));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text transform=\"translate(22,%.1f) rotate(-90)\" text-anchor=\"middle\">p99 latency, ms"
                            + " (log scale)</text>\n",
                    TOP + plotHeight / 2));
            int legendY = TOP + 10;
            for (Series s : series) {
                StringBuilder polyline = new StringBuilder();
                for (double[] point : s.points()) {
                    double px = x.applyAsDouble(point[0]);
                    double py = y.applyAsDouble(point[1]);
                    polyline.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                    svg.append(String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%.0f msg/s, p99 %.1f ms"
                                    + "</title></circle>\n",
                            px,
                            py,
                            s.color(),
                            point[0],
                            point[1]));
                }
                svg.append(String.format(
                        Locale.ROOT,
                        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                        polyline.toString().strip(),
                        s.color()));
                double lx = WIDTH - RIGHT + 16;
                svg.append(line(lx, legendY - 4, lx + 22, legendY - 4, s.color(), false));
                svg.append(wrapped(lx + 28, legendY, s.label(), 30));
                legendY += 40;
            }
            svg.append("</svg>\n");
            return svg.toString();
        }

        private static String wrapped(double x, double y, String label, int width) {
            StringBuilder out = new StringBuilder();
            StringBuilder lineText = new StringBuilder();
            double lineY = y;
            for (String word : label.split(" ")) {
                if (lineText.length() + word.length() + 1 > width && lineText.length() > 0) {
                    out.append(text(x, lineY, lineText.toString(), "start"));
                    lineText.setLength(0);
                    lineY += 14;
                }
                if (lineText.length() > 0) {
                    lineText.append(' ');
                }
                lineText.append(word);
            }
            out.append(text(x, lineY, lineText.toString(), "start"));
            return out.toString();
        }

        private static String format(double value) {
            return value >= 1 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
        }

        private static double niceCeiling(double value) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
            for (double step : new double[] {1, 2, 2.5, 5, 10}) {
                if (step * magnitude >= value) {
                    return step * magnitude;
                }
            }
            return 10 * magnitude;
        }

        private static String line(double x1, double y1, double x2, double y2, String color, boolean dashed) {
            return String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n",
                    x1,
                    y1,
                    x2,
                    y2,
                    color,
                    dashed ? " stroke-dasharray=\"6,4\"" : "");
        }

        private static String text(double x, double y, String content, String anchor) {
            return String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n",
                    x,
                    y,
                    anchor,
                    content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
        }
    }
}
