package com.example.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Runs the points of the hub: starts the load generator as its own process, waits until the hub has drained what it
 * was sent, reads the journal and works out the figures.
 */
final class HubLoad {

    /**
     * Requests outstanding at most, like a client with a connection pool of this size; past it the generator waits,
     * and the wait counts as latency.
     */
    static final int MAX_IN_FLIGHT = 1000;

    private static final List<String> HUB_QUEUES = List.of("1c_queue", "dms_queue", "crm_queue");

    private final String java;

    private final Path jar;

    private final String onecUrl;

    private final Path rawDir;

    private final Broker broker;

    private final HubJournalClient journal;

    private final Supplier<Map<String, Long>> pids;

    private final Duration drainTimeout;

    HubLoad(
            String java,
            Path jar,
            String onecUrl,
            Path rawDir,
            Broker broker,
            Supplier<Map<String, Long>> pids,
            Duration drainTimeout)
            throws IOException {
        this.java = java;
        this.jar = jar;
        this.onecUrl = onecUrl;
        this.rawDir = Files.createDirectories(rawDir);
        this.broker = broker;
        this.journal = new HubJournalClient(onecUrl);
        this.pids = pids;
        this.drainTimeout = drainTimeout;
    }

    /** Offers load and waits until the hub drained it, without reading the journal (warm-up, profiling). */
    void offer(String name, String kind, double rate, double seconds) throws IOException, InterruptedException {
        Process generator = startGenerator(name, kind, rate, seconds);
        generator.waitFor();
        waitUntilDrained(Instant.now().plus(this.drainTimeout));
    }

    /** Starts the load generator and waits until it is about to send; it ends by itself. */
    Process startGenerator(String name, String kind, double rate, double seconds) throws IOException {
        Path out = this.rawDir.resolve(name + ".csv");
        List<String> command = List.of(
                this.java,
                "-XX:+UseSerialGC",
                // C1 only: the generator's share of the CPU is smallest without C2 compiling its HTTP client while a
                // point runs (measured: 0.22 cores at 500 req/s, against 0.51 with C2)
                "-XX:TieredStopAtLevel=1",
                "-Xmx512m",
                "-cp",
                this.jar.toString(),
                LoadGenerator.class.getName(),
                "--url=" + this.onecUrl,
                "--kind=" + kind,
                "--rate=" + rate,
                "--duration=" + seconds,
                "--prefix=" + name,
                "--out=" + out,
                "--max-in-flight=" + MAX_IN_FLIGHT);
        Path log = this.rawDir.resolve(name + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the generator is a JVM of its own: it sends the run's key, which the apps were given
        builder.environment().put(ApiKey.ENVIRONMENT, ApiKey.VALUE);
        Process process = builder.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (process.isAlive()
                && System.nanoTime() < deadline
                && !Files.readString(log).contains("START ")) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while the load generator started", ex);
            }
        }
        return process;
    }

    /** Runs one point and works out its figures. */
    PointResult run(String name, String kind, double rate, double seconds) throws IOException, InterruptedException {
        Process generator = startGenerator(name, kind, rate, seconds);
        Usage usage = Usage.of(this.pids.get());
        usage.add("load-generator", generator.pid());
        // the send window: its usage is the point's; the generator then waits for its last answers
        Thread.sleep((long) (seconds * 1000) + 200);
        Usage.Result used = usage.stop();
        generator.waitFor();
        Instant deadline = Instant.now().plus(this.drainTimeout);
        waitUntilDrained(deadline);
        List<Sent> sent = Sent.read(this.rawDir.resolve(name + ".csv"));
        List<String> accepted = sent.stream()
                .filter(s -> s.status() == 202)
                .map(Sent::requestId)
                .toList();
        long reading = System.nanoTime();
        Map<String, HubJournalClient.Entry> entries = this.journal.collect(accepted, deadline);
        System.out.printf(
                Locale.ROOT,
                "[bench] %s: journal read for %d requests in %.1f s%n",
                name,
                accepted.size(),
                (System.nanoTime() - reading) / 1e9);
        PointResult result = analyse(name, kind, rate, seconds, sent, entries, used);
        System.out.printf(
                Locale.ROOT,
                "[bench] %-22s offered %6.0f/s: accepted %7.1f/s, completed %7.1f/s, p50 %6.1f ms, p99 %7.1f ms,"
                        + " max %7.1f ms, errors %d, failed %d, incomplete %d%s%n",
                name,
                rate,
                result.acceptedPerSecond(),
                result.completedPerSecond(),
                result.endToEnd().p50(),
                result.endToEnd().p99(),
                result.endToEnd().max(),
                result.httpErrors(),
                result.failed(),
                result.incomplete(),
                result.sustainable() ? "" : "  (not sustainable)");
        return result;
    }

    /** Waits until the hub's work queues stayed empty for a second. */
    void waitUntilDrained(Instant deadline) throws InterruptedException {
        int emptyPolls = 0;
        while (emptyPolls < 5 && Instant.now().isBefore(deadline)) {
            boolean empty = HUB_QUEUES.stream().allMatch(queue -> this.broker.ready(queue) <= 0);
            emptyPolls = empty ? emptyPolls + 1 : 0;
            Thread.sleep(200);
        }
    }

    static PointResult analyse(
            String name,
            String kind,
            double rate,
            double seconds,
            List<Sent> sent,
            Map<String, HubJournalClient.Entry> entries,
            Usage.Result usage) {
        Histogram endToEnd = Latency.histogram();
        Histogram httpLeg = Latency.histogram();
        Histogram hubLeg = Latency.histogram();
        long firstScheduled = sent.isEmpty() ? 0 : sent.get(0).scheduled();
        long lastAccepted = firstScheduled;
        long lastCompleted = firstScheduled;
        int accepted = 0;
        int completed = 0;
        int failed = 0;
        int incomplete = 0;
        for (Sent request : sent) {
            firstScheduled = Math.min(firstScheduled, request.scheduled());
            if (request.status() != 202) {
                continue;
            }
            accepted++;
            lastAccepted = Math.max(lastAccepted, request.done());
            Latency.record(httpLeg, request.done() - request.scheduled());
            HubJournalClient.Entry entry = entries.get(request.requestId());
            if (entry == null || !entry.decided()) {
                incomplete++;
            } else if ("FAILED".equals(entry.state())) {
                failed++;
            } else {
                completed++;
                lastCompleted = Math.max(lastCompleted, entry.completedAt());
                Latency.record(endToEnd, entry.completedAt() - request.scheduled());
                Latency.record(hubLeg, entry.completedAt() - entry.receivedAt());
            }
        }
        return new PointResult(
                name,
                kind,
                rate,
                seconds,
                sent.size(),
                accepted,
                sent.size() - accepted,
                completed,
                failed,
                incomplete,
                perSecond(accepted, lastAccepted - firstScheduled),
                perSecond(completed, lastCompleted - firstScheduled),
                Latency.of(endToEnd),
                Latency.of(httpLeg),
                Latency.of(hubLeg),
                usage);
    }

    private static double perSecond(int count, long micros) {
        return micros <= 0 ? 0 : Math.round(count / (micros / 1e6) * 10) / 10.0;
    }

    /** A request as the load generator sent it; times in microseconds since the epoch. */
    record Sent(String requestId, long scheduled, long sent, long done, int status) {

        static List<Sent> read(Path csv) throws IOException {
            List<Sent> sent = new ArrayList<>();
            try (var lines = Files.lines(csv)) {
                lines.skip(1).forEach(line -> {
                    String[] fields = line.split(",");
                    sent.add(new Sent(
                            fields[0],
                            Long.parseLong(fields[1]),
                            Long.parseLong(fields[2]),
                            Long.parseLong(fields[3]),
                            Integer.parseInt(fields[4])));
                });
            }
            return sent;
        }
    }
}
