package com.example.hub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** What Linux tells about a process in /proc: resident memory, CPU time, and the CPU time of each thread. */
final class Procs {

    /** Clock ticks per second of /proc/[pid]/stat (USER_HZ; 100 on Linux). */
    static final double TICKS_PER_SECOND = 100.0;

    private Procs() {}

    /** VmRSS in kB, or empty when the process is gone. */
    static OptionalLong rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
            return OptionalLong.empty();
        } catch (IOException ex) {
            return OptionalLong.empty();
        }
    }

    /** utime + stime of a process (all its threads) or of one thread, in ticks; -1 when it is gone. */
    static long cpuTicks(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            // the command name, in parentheses, may contain spaces: fields are counted after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException ex) {
            return -1;
        }
    }

    static long cpuTicks(long pid) {
        return cpuTicks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** Busy and total ticks of the whole machine, from the first line of /proc/stat. */
    static long[] machineTicks() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The CPU ticks of each thread of a process, keyed by "name (tid)". */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                try {
                    String name = Files.readString(thread.resolve("comm")).trim();
                    long value = cpuTicks(thread.resolve("stat"));
                    if (value >= 0) {
                        ticks.put(name + " (" + thread.getFileName() + ")", value);
                    }
                } catch (IOException ex) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException ex) {
            // the process ended
        }
        return ticks;
    }

    /** The threads that used the most CPU between two readings, as "name: seconds". */
    static List<Map.Entry<String, Double>> topThreads(Map<String, Long> before, Map<String, Long> after, int limit) {
        List<Map.Entry<String, Double>> used = new ArrayList<>();
        after.forEach((thread, ticks) -> {
            double seconds = (ticks - before.getOrDefault(thread, 0L)) / TICKS_PER_SECOND;
            if (seconds > 0) {
                used.add(Map.entry(thread.replaceAll(" \\(\\d+\\)$", ""), seconds));
            }
        });
        // threads of one pool (same name after stripping numbers) are added up
        Map<String, Double> byPool = new HashMap<>();
        for (Map.Entry<String, Double> entry : used) {
            byPool.merge(entry.getKey().replaceAll("\\d+", "#"), entry.getValue(), Double::sum);
        }
        return byPool.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .map(entry -> Map.entry(entry.getKey(), Math.round(entry.getValue() * 100) / 100.0))
                .toList();
    }

    /** Whether something listens on a TCP port of 127.0.0.1. */
    static boolean portInUse(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    /** The pid of the process whose command name is exactly {@code comm} (e.g. beam.smp), if there is one. */
    static OptionalLong findByName(String comm) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.toList()) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readString(process.resolve("comm")).trim().equals(comm)) {
                        return OptionalLong.of(Long.parseLong(name));
                    }
                } catch (IOException ex) {
                    // gone meanwhile
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return OptionalLong.empty();
    }
}
