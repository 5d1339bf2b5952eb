package com.example.hub.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The machine a run was taken on.
 *
 * @param nproc its cores
 * @param cpuModel the CPU, as /proc/cpuinfo names it
 * @param memory its memory
 * @param kernel the kernel's release
 * @param loadAverageAtStart the 1-minute load average when the run started
 * @param jdk the JDK of the runner (and of the load generator and PerfTest)
 * @param rabbitmq the broker's version
 * @param erlang the broker's Erlang version
 */
record Machine(
        int nproc,
        String cpuModel,
        String memory,
        String kernel,
        String loadAverageAtStart,
        String jdk,
        String rabbitmq,
        String erlang) {

    static Machine describe(Broker broker) {
        OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        Map<String, String> versions = broker.versions();
        return new Machine(
                os.getAvailableProcessors(),
                ProcFs.cpuModel(),
                String.format(Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024)),
                os.getVersion(),
                String.format(Locale.ROOT, "%.2f", os.getSystemLoadAverage()),
                Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home")
                        + ")",
                versions.get("rabbitmq"),
                versions.get("erlang"));
    }

    /**
     * The processes that used more than 5% of a core over a few seconds, with the share of a core each used: what else
     * was running when the run started.
     */
    static List<String> busyProcesses(int seconds) throws InterruptedException {
        Map<ProcessHandle, Duration> before = cpuOfAll();
        Thread.sleep(seconds * 1000L);
        return cpuOfAll().entrySet().stream()
                .filter(entry -> before.containsKey(entry.getKey()))
                .map(entry -> Map.entry(
                        entry.getKey(),
                        entry.getValue().minus(before.get(entry.getKey())).toMillis() / 1000.0 / seconds))
                .filter(entry -> entry.getValue() > 0.05)
                .sorted(Map.Entry.<ProcessHandle, Double>comparingByValue().reversed())
                .map(entry -> String.format(
                        Locale.ROOT,
                        "%.0f%% of a core: pid %d %s",
                        entry.getValue() * 100,
                        entry.getKey().pid(),
                        abbreviated(entry.getKey().info().commandLine().orElse("?"))))
                .toList();
    }

    private static Map<ProcessHandle, Duration> cpuOfAll() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().totalCpuDuration().isPresent())
                .collect(Collectors.toMap(
                        process -> process,
                        process -> process.info().totalCpuDuration().orElseThrow(),
                        (a, b) -> a));
    }

    private static String abbreviated(String command) {
        return command.length() > 160 ? command.substring(0, 160) + "…" : command;
    }
}
