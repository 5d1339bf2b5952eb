package com.example.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The machine a run was taken on, and what else was busy on it. */
final class Machine {

    private Machine() {}

    static Map<String, Object> describe(String java, Broker broker) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        machine.put("cpu_model", firstValue("/proc/cpuinfo", "model name"));
        machine.put("memory", firstValue("/proc/meminfo", "MemTotal"));
        machine.put("kernel", read("/proc/sys/kernel/osrelease"));
        machine.put("load_average_at_start", read("/proc/loadavg"));
        machine.put(
                "jdk",
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version") + " (" + java
                        + ")");
        try {
            machine.putAll(broker.versions());
        } catch (IOException | InterruptedException ex) {
            machine.put("rabbitmq", "unknown: " + ex.getMessage());
        }
        return machine;
    }

    /**
     * The processes that used more than 5% of a core over a few seconds, with the share of a core each used: what else
     * was running when the run started.
     */
    static List<String> busyProcesses(int seconds) throws InterruptedException {
        Map<Long, Long> before = ticksOfAll();
        Thread.sleep(seconds * 1000L);
        Map<Long, Long> after = ticksOfAll();
        List<Map.Entry<Long, Double>> busy = new ArrayList<>();
        after.forEach((pid, ticks) -> {
            double share = (ticks - before.getOrDefault(pid, ticks)) / Procs.TICKS_PER_SECOND / seconds;
            if (share > 0.05) {
                busy.add(Map.entry(pid, share));
            }
        });
        busy.sort(Map.Entry.<Long, Double>comparingByValue().reversed());
        List<String> described = new ArrayList<>();
        for (Map.Entry<Long, Double> entry : busy) {
            String command = read("/proc/" + entry.getKey() + "/cmdline").replace('\0', ' ');
            if (command.length() > 160) {
                command = command.substring(0, 160) + "…";
            }
            described.add(String.format(
                    java.util.Locale.ROOT,
                    "%.0f%% of a core: pid %d %s",
                    entry.getValue() * 100,
                    entry.getKey(),
                    command.strip()));
        }
        return described;
    }

    private static Map<Long, Long> ticksOfAll() {
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes
                    .map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(name -> {
                        long value = Procs.cpuTicks(Long.parseLong(name));
                        if (value >= 0) {
                            ticks.put(Long.parseLong(name), value);
                        }
                    });
        } catch (IOException ex) {
            // nothing to tell
        }
        return ticks;
    }

    private static String firstValue(String file, String key) {
        for (String line : read(file).split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException ex) {
            return "";
        }
    }
}
