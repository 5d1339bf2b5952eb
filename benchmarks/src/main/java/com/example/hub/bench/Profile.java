package com.example.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the apps' CPU and waits go under load: a JFR recording ({@code jcmd JFR.start}, profile settings) of each app
 * over the middle third of a load pass of its own, so that the recording does not disturb a measured point; the
 * recordings' hot methods, lock contention and CPU per thread, as {@code jfr view} prints them, go with the results.
 *
 * @param rate the load's rate, req/s
 * @param recordings each app's recording (kept with the run's raw data)
 * @param views the {@code jfr view} files, per app
 * @param hotMethods the top of each app's hot-methods view
 */
record Profile(double rate, Map<String, String> recordings, List<String> views, Map<String, List<String>> hotMethods) {

    private static final List<String> VIEWS = List.of("hot-methods", "contention-by-site", "thread-cpu-load");

    /**
     * Profiles the apps while load runs.
     *
     * @param apps the apps, by name, with their pids
     * @param rate the load's rate
     * @param load the load, already started
     * @param seconds how long the load runs
     * @param recordings where the recordings go
     * @param views where the views go
     */
    static Profile capture(
            Map<String, Long> apps, double rate, Process load, double seconds, Path recordings, Path views)
            throws IOException, InterruptedException {
        Files.createDirectories(recordings);
        Files.createDirectories(views);
        Thread.sleep((long) (seconds * 1000 / 3));
        for (long pid : apps.values()) {
            start(pid);
        }
        Thread.sleep((long) (seconds * 1000 / 3));
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, Long> app : apps.entrySet()) {
            files.put(
                    app.getKey(),
                    stop(app.getValue(), recordings.resolve(app.getKey() + ".jfr"))
                            .toString());
        }
        load.waitFor();
        Map<String, List<String>> hot = new LinkedHashMap<>();
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, String> recording : files.entrySet()) {
            written.addAll(views(recording.getKey(), Path.of(recording.getValue()), views));
            hot.put(recording.getKey(), hotMethods(recording.getKey(), views));
        }
        return new Profile(rate, files, written, hot);
    }

    /** Starts recording an app with JFR's profile settings. */
    static void start(long pid) throws IOException, InterruptedException {
        tool("jcmd", Long.toString(pid), "JFR.start", "name=bench", "settings=profile", "jdk.ThreadCPULoad#period=1s");
    }

    /** Stops recording an app, and keeps what was recorded in {@code file}. */
    static Path stop(long pid, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        tool("jcmd", Long.toString(pid), "JFR.dump", "name=bench", "filename=" + file);
        tool("jcmd", Long.toString(pid), "JFR.stop", "name=bench");
        return file;
    }

    /** Writes the views of a recording, as {@code <name>-<view>.txt} in {@code views}; returns their paths. */
    static List<String> views(String name, Path recording, Path views) throws IOException, InterruptedException {
        Files.createDirectories(views);
        List<String> written = new ArrayList<>();
        for (String view : VIEWS) {
            Path out = views.resolve(name + "-" + view + ".txt");
            Files.writeString(out, tool("jfr", "view", "--width", "160", view, recording.toString()));
            written.add(out.toString());
        }
        return written;
    }

    /** The top of a recording's hot-methods view written by {@link #views}. */
    static List<String> hotMethods(String name, Path views) throws IOException {
        List<String> lines = Files.readAllLines(views.resolve(name + "-hot-methods.txt"));
        return lines.subList(0, Math.min(lines.size(), 18));
    }

    /** Runs a tool of the runner's JDK and returns what it printed. */
    private static String tool(String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", name).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }
}
