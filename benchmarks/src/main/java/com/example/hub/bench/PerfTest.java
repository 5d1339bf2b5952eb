package com.example.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RabbitMQ's PerfTest ({@code com.rabbitmq:perf-test} from Maven Central), run as its own process against the run's
 * virtual host; its summary is read from its standard output, its per-second figures from its CSV ({@code -o}).
 */
final class PerfTest {

    private static final Pattern SENDING = Pattern.compile("sending rate avg: (\\d+) msg/s");

    private static final Pattern RECEIVING = Pattern.compile("receiving rate avg: (\\d+) msg/s");

    private static final Pattern CONSUMER_LATENCY =
            Pattern.compile("consumer latency min/median/75th/95th/99th (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) µs");

    private static final Pattern CONFIRM_LATENCY =
            Pattern.compile("confirm latency min/median/75th/95th/99th (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) µs");

    private final String java;

    private final Path lib;

    private final Broker broker;

    private final Path outputDir;

    PerfTest(String java, Path lib, Broker broker, Path outputDir) throws IOException {
        this.java = java;
        this.lib = lib;
        this.broker = broker;
        this.outputDir = Files.createDirectories(outputDir);
    }

    /**
     * Runs PerfTest once.
     *
     * @param name the run's name, for its files
     * @param arguments PerfTest's options, without {@code --uri} and {@code -o}
     * @return its figures
     */
    Result run(String name, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                this.java,
                "-Xmx512m",
                "-cp",
                this.lib.resolve("*").toString(),
                "com.rabbitmq.perf.PerfTest",
                "--uri",
                this.broker.amqpUri(),
                "--id",
                name,
                "-o",
                this.outputDir.resolve(name + ".csv").toString()));
        command.addAll(arguments);
        Path log = this.outputDir.resolve(name + ".log");
        Files.writeString(log, "perf-test " + String.join(" ", arguments) + "\n");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        String output = Files.readString(log);
        Result result = new Result(
                name,
                String.join(" ", arguments),
                exit,
                Usage.round2(seconds),
                number(SENDING, output),
                number(RECEIVING, output),
                latency(CONSUMER_LATENCY, output),
                latency(CONFIRM_LATENCY, output));
        System.out.printf(
                Locale.ROOT,
                "[bench] perf-test %-16s sent %6.0f msg/s, received %6.0f msg/s, consumer latency p50 %6.1f ms,"
                        + " p99 %7.1f ms%n",
                name,
                result.sendRate(),
                result.receiveRate(),
                result.consumerLatency() != null ? result.consumerLatency().p50() : 0,
                result.consumerLatency() != null ? result.consumerLatency().p99() : 0);
        return result;
    }

    private static double number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        double value = -1;
        while (matcher.find()) {
            value = Double.parseDouble(matcher.group(1));
        }
        return value;
    }

    private static Percentiles latency(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        Percentiles value = null;
        while (matcher.find()) {
            value = new Percentiles(
                    ms(matcher.group(1)), ms(matcher.group(2)), ms(matcher.group(4)), ms(matcher.group(5)));
        }
        return value;
    }

    private static double ms(String micros) {
        return Math.round(Long.parseLong(micros) / 100.0) / 10.0;
    }

    /**
     * PerfTest's summary of a run.
     *
     * @param name the run
     * @param arguments its options
     * @param exitCode PerfTest's exit code
     * @param seconds wall time of the process, start-up included
     * @param sendRate average msg/s published
     * @param receiveRate average msg/s consumed
     * @param consumerLatency publish → consume latency over the run (ms)
     * @param confirmLatency publish → confirm latency over the run (ms)
     */
    record Result(
            String name,
            String arguments,
            int exitCode,
            double seconds,
            double sendRate,
            double receiveRate,
            Percentiles consumerLatency,
            Percentiles confirmLatency) {}

    /** PerfTest's latency percentiles, in ms. */
    record Percentiles(double min, double p50, double p95, double p99) {}
}
