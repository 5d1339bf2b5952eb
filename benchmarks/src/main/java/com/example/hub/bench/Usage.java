package com.example.hub.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU and memory of the processes of a run while something is measured: the CPU each used (in cores: CPU seconds per
 * second, from {@link ProcessHandle.Info#totalCpuDuration()}: utime + stime), the machine's busy cores, and the
 * largest resident set (VmRSS) each reached, sampled every 500 ms.
 */
final class Usage implements AutoCloseable {

    private final Map<String, Long> pids = new ConcurrentHashMap<>();

    private final Map<String, Duration> cpuBefore = new ConcurrentHashMap<>();

    private final long machineBefore = ProcFs.machineBusyTicks();

    private final long startedNanos = System.nanoTime();

    private final Map<String, Long> rssMaxKb = new ConcurrentHashMap<>();

    private final Thread sampler;

    private volatile boolean running = true;

    private Result result;

    private Usage(Map<String, Long> pids) {
        pids.forEach(this::add);
        this.sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(this::sample);
    }

    /** Starts measuring the given processes, by name. */
    static Usage of(Map<String, Long> pids) {
        return new Usage(pids);
    }

    /** Adds a process, measured from now on. */
    void add(String name, long pid) {
        cpu(pid).ifPresent(cpu -> this.cpuBefore.put(name, cpu));
        this.pids.put(name, pid);
    }

    private static Optional<Duration> cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration());
    }

    private void sample() {
        while (this.running) {
            this.pids.forEach(
                    (name, pid) -> ProcFs.rssKb(pid).ifPresent(rss -> this.rssMaxKb.merge(name, rss, Math::max)));
            try {
                Thread.sleep(500);
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    /** Stops measuring; the result stays available. */
    Result stop() {
        if (this.result == null) {
            this.running = false;
            this.sampler.interrupt();
            double seconds = (System.nanoTime() - this.startedNanos) / 1e9;
            Map<String, Double> cores = new LinkedHashMap<>();
            this.pids.forEach((name, pid) -> cpu(pid).ifPresent(after -> {
                Duration before = this.cpuBefore.get(name);
                if (before != null) {
                    cores.put(name, round2(after.minus(before).toNanos() / 1e9 / seconds));
                }
            }));
            double busy = (ProcFs.machineBusyTicks() - this.machineBefore) / ProcFs.TICKS_PER_SECOND / seconds;
            Map<String, Double> rssMb = new LinkedHashMap<>();
            this.rssMaxKb.forEach((name, kb) -> rssMb.put(name, round2(kb / 1024.0)));
            double ours =
                    cores.values().stream().mapToDouble(Double::doubleValue).sum();
            this.result = new Result(round2(seconds), cores, round2(busy), round2(Math.max(0, busy - ours)), rssMb);
        }
        return this.result;
    }

    @Override
    public void close() {
        stop();
    }

    static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /**
     * @param seconds how long it was measured
     * @param cores CPU used by each process, in cores
     * @param machineBusyCores CPU used on the whole machine, in cores (of {@code nproc})
     * @param otherCores CPU used by processes that are not part of the benchmark (the machine's busy cores less the
     *     measured processes'): anything well above 0 means the machine was not quiet
     * @param rssMaxMb the largest resident set of each process, in MiB
     */
    record Result(
            double seconds,
            Map<String, Double> cores,
            double machineBusyCores,
            double otherCores,
            Map<String, Double> rssMaxMb) {}
}
