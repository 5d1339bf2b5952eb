package com.example.hub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What only Linux's /proc tells, for processes that are not JVMs (the broker) and for the machine: resident memory,
 * the machine's busy CPU time, the CPU model, a process by its command name. CPU time per process comes from {@link
 * ProcessHandle}.
 */
final class ProcFs {

    /** Clock ticks per second of /proc/stat (USER_HZ; 100 on Linux). */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcFs() {}

    /** VmRSS in kB, or empty when the process is gone. */
    static OptionalLong rssKb(long pid) {
        return OptionalLong.of(pid).stream()
                .mapToObj(p -> read(Path.of("/proc", Long.toString(p), "status")))
                .flatMap(String::lines)
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst();
    }

    /** Busy ticks of the whole machine, from the first line of /proc/stat (all but idle and iowait). */
    static long machineBusyTicks() {
        String[] fields = read(Path.of("/proc/stat"))
                .lines()
                .findFirst()
                .orElseThrow()
                .trim()
                .split("\\s+");
        long busy = 0;
        for (int i = 1; i < fields.length; i++) {
            busy += i == 4 || i == 5 ? 0 : Long.parseLong(fields[i]);
        }
        return busy;
    }

    /** The CPU's model name, as /proc/cpuinfo gives it. */
    static String cpuModel() {
        return read(Path.of("/proc/cpuinfo"))
                .lines()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst()
                .orElse("unknown");
    }

    /** The pid of the process whose command name is exactly {@code comm} (e.g. beam.smp), if there is one. */
    static OptionalLong pidOf(String comm) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(process -> process.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(process -> read(process.resolve("comm")).equals(comm))
                    .mapToLong(process -> Long.parseLong(process.getFileName().toString()))
                    .findFirst();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException ex) {
            // the process ended meanwhile
            return "";
        }
    }
}
