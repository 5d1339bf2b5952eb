package com.example.hub.bench;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator, run as its own process: sends {@code POST /send_to_dms} or {@code /send_to_crm} to the 1C
 * adapter at a fixed rate, open loop. Request {@code i} is scheduled at {@code start + i / rate}, whatever happened to
 * the requests before it; every latency is later counted from that scheduled time, so a stalled system cannot hide
 * its stall by slowing the sender down (no coordinated omission). At most {@code --max-in-flight} requests are
 * outstanding: past that, sending waits, and the wait shows as latency.
 *
 * <p>Writes one line per request to {@code --out}: {@code request_id,scheduled_us,sent_us,done_us,status}, times in
 * microseconds since the epoch (this machine's clock, the one the journal uses too); status -1 is a transport error,
 * -2 a request not sent because the sender had fallen {@code --give-up-after} seconds (10) behind its schedule.
 *
 * <pre>
 * java -cp benchmarks.jar com.example.hub.bench.LoadGenerator --url=http://127.0.0.1:5000 --kind=dms --rate=1000
 *      --duration=30 --prefix=B-dms-1000 --out=/tmp/sent.csv
 * </pre>
 */
public final class LoadGenerator {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Args.parse(args);
        String url = options.getOrDefault("url", "http://127.0.0.1:5000");
        Kind kind = Kind.valueOf(
                options.getOrDefault("kind", "dms").toUpperCase(Locale.ROOT).replace('-', '_'));
        double rate = Double.parseDouble(options.get("rate"));
        double duration = Double.parseDouble(options.getOrDefault("duration", "30"));
        String prefix = options.getOrDefault("prefix", "B");
        Path out = Path.of(options.get("out"));
        int maxInFlight = Integer.parseInt(options.getOrDefault("max-in-flight", "4096"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "30")));
        long giveUpNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("give-up-after", "10")));
        requireLoopback(url);

        int count = (int) Math.round(rate * duration);
        URI uri = URI.create(url + kind.path);
        HttpClient.Builder builder =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
        if (!"pool".equals(options.get("executor"))) {
            // completions run on the client's selector thread: no hand-over to a pool for every response, which
            // costs more CPU than the little work done there
            builder.executor(Runnable::run);
        }
        HttpClient client = builder.build();

        warmUp(client, url);

        long[] scheduled = new long[count];
        long[] sent = new long[count];
        long[] done = new long[count];
        int[] status = new int[count];
        Semaphore inFlight = new Semaphore(maxInFlight);
        CountDownLatch finished = new CountDownLatch(count);
        Clock clock = new Clock();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        // the runner measures CPU from here: the generator's own start-up is not part of the point
        System.out.println("START " + clock.epochMicros(start));
        System.out.flush();
        int abandoned = 0;
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * (NANOS_PER_SECOND / rate));
            waitUntil(due);
            scheduled[i] = due;
            inFlight.acquireUninterruptibly();
            if (System.nanoTime() - due > giveUpNanos) {
                // the hub has not taken requests for that long: like a client that gives up, the rest is not sent
                for (int j = i; j < count; j++) {
                    scheduled[j] = start + (long) (j * (NANOS_PER_SECOND / rate));
                    status[j] = -2;
                    finished.countDown();
                    abandoned++;
                }
                inFlight.release();
                break;
            }
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(ApiKey.HEADER, ApiKey.VALUE)
                    .POST(HttpRequest.BodyPublishers.ofString(kind.body(prefix, i)))
                    .build();
            int index = i;
            sent[i] = System.nanoTime();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                done[index] = System.nanoTime();
                status[index] = response != null ? response.statusCode() : -1;
                inFlight.release();
                finished.countDown();
            });
        }
        long sendWindowEnd = System.nanoTime();
        boolean all = finished.await(timeout.toSeconds() + 10, TimeUnit.SECONDS);
        int accepted = 0;
        int errors = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
            writer.write("request_id,scheduled_us,sent_us,done_us,status\n");
            for (int i = 0; i < count; i++) {
                if (status[i] == 202) {
                    accepted++;
                } else {
                    errors++;
                }
                writer.write(Kind.requestId(prefix, i) + "," + clock.epochMicros(scheduled[i]) + ","
                        + clock.epochMicros(sent[i]) + "," + (done[i] != 0 ? clock.epochMicros(done[i]) : 0) + ","
                        + status[i] + "\n");
            }
        }
        double lag = (sendWindowEnd - (start + (long) (count * (NANOS_PER_SECOND / rate)))) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "load %s: %d requests at %.0f/s for %.0f s: %d accepted (202), %d not (%s; %d not sent, the sender"
                        + " being %d s behind); sender finished %.1f ms after schedule%n",
                kind.name().toLowerCase(Locale.ROOT),
                count,
                rate,
                duration,
                accepted,
                errors,
                all ? "all answered" : "some unanswered",
                abandoned,
                TimeUnit.NANOSECONDS.toSeconds(giveUpNanos),
                lag);
        System.exit(0);
    }

    /**
     * Loads and compiles the client's code paths on the adapter's health endpoint, so that the point does not pay for
     * the generator's start-up.
     */
    private static void warmUp(HttpClient client, String url) throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/actuator/health/liveness"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        for (int i = 0; i < 200; i++) {
            try {
                client.sendAsync(health, HttpResponse.BodyHandlers.discarding()).get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
                // only warming up
            }
        }
    }

    private static void waitUntil(long due) {
        long remaining;
        while ((remaining = due - System.nanoTime()) > 0) {
            if (remaining > 100_000) {
                LockSupport.parkNanos(remaining - 50_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    static void requireLoopback(String url) {
        String host = URI.create(url).getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            throw new IllegalArgumentException("Load only ever targets 127.0.0.1, not " + host);
        }
    }

    /** Converts {@link System#nanoTime()} readings to microseconds since the epoch, from one reading of both clocks. */
    private static final class Clock {

        private final long baseNanos = System.nanoTime();

        private final long baseEpochMicros = currentEpochMicros();

        long epochMicros(long nanos) {
            return this.baseEpochMicros + (nanos - this.baseNanos) / 1000;
        }

        private static long currentEpochMicros() {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        }
    }

    /** What is sent. */
    enum Kind {
        DMS("/send_to_dms"),
        CRM("/send_to_crm"),
        CRM_POLICY("/send_to_crm");

        /** DMS users and CRM orders are reused after this many requests, so the simulated systems do not grow. */
        private static final int DISTINCT = 10_000;

        final String path;

        Kind(String path) {
            this.path = path;
        }

        static String requestId(String prefix, int i) {
            return prefix + "-" + i;
        }

        String body(String prefix, int i) {
            int n = i % DISTINCT;
            return switch (this) {
                case DMS ->
                    "{\"request_id\":\"" + requestId(prefix, i) + "\",\"user_id\":\"U" + n
                            + "\",\"name\":\"Иванов Иван\",\"email\":\"user" + n + "@example.com\"}";
                case CRM ->
                    "{\"request_id\":\"" + requestId(prefix, i) + "\",\"order_id\":\"ORD" + n
                            + "\",\"status\":\"Shipped\",\"needs_policy_info\":false}";
                case CRM_POLICY ->
                    "{\"request_id\":\"" + requestId(prefix, i) + "\",\"order_id\":\"ORD" + n
                            + "\",\"status\":\"Shipped\",\"needs_policy_info\":true}";
            };
        }
    }
}
