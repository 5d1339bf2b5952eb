package com.example.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's apps, run by the project's local runner {@code scripts/stack.sh} in the run's virtual host, with logs and
 * data under the run's directory.
 */
final class Stack {

    static final List<String> APPS =
            List.of("fake-creatio", "onec-adapter", "dms-adapter", "crm-adapter", "soindi-consumer");

    private static final Pattern APP_HEALTHY = Pattern.compile("\\] (\\S+) is healthy after (\\d+)s");

    private static final Pattern STACK_HEALTHY = Pattern.compile("the stack is healthy after (\\d+)s");

    private static final Pattern SPRING_STARTED =
            Pattern.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private final Path root;

    private final Path runDir;

    private final Map<String, String> environment;

    Stack(Path root, Path runDir, Map<String, String> environment) {
        this.root = root;
        this.runDir = runDir;
        this.environment = environment;
    }

    Path runDir() {
        return this.runDir;
    }

    /**
     * Starts every app that is not running with {@code scripts/stack.sh up --no-build} and waits until all are healthy.
     *
     * @param log where the runner's output goes
     * @return how long each app took to become healthy (as the runner reports it, whole seconds), and the whole stack
     *     (the runner's own figure and, to the millisecond, the time the runner took)
     */
    Startup up(Path log) throws IOException, InterruptedException {
        long started = System.nanoTime();
        int exit = run(log, "up", "--no-build");
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String output = Files.readString(log);
        if (exit != 0) {
            throw new IllegalStateException("scripts/stack.sh up failed (exit " + exit + "):\n" + output);
        }
        Map<String, Integer> apps = new LinkedHashMap<>();
        Matcher app = APP_HEALTHY.matcher(output);
        while (app.find()) {
            apps.put(app.group(1), Integer.parseInt(app.group(2)));
        }
        Matcher stack = STACK_HEALTHY.matcher(output);
        int stackSeconds = stack.find() ? Integer.parseInt(stack.group(1)) : -1;
        return new Startup(apps, stackSeconds, elapsedMs);
    }

    /** Stops every app with {@code scripts/stack.sh down}. */
    void down(Path log) throws IOException, InterruptedException {
        run(log, "down");
    }

    private int run(Path log, String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "scripts/stack.sh"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(this.root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(this.environment);
        builder.environment().put("RUN_DIR", this.runDir.toString());
        return builder.start().waitFor();
    }

    /** Runs odoo-producer once through the runner ({@code scripts/stack.sh produce}); its output goes to a file. */
    int produce(Path output, String... arguments) throws IOException, InterruptedException {
        return run(output, prepend("produce", arguments));
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** The pid of a running app, from the runner's pid file. */
    OptionalLong pid(String app) {
        Path file = this.runDir.resolve("pids").resolve(app + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
                    ? OptionalLong.of(pid)
                    : OptionalLong.empty();
        } catch (IOException | NumberFormatException ex) {
            return OptionalLong.empty();
        }
    }

    /** Stops one app (SIGTERM, as the runner does; SIGKILL after 30 s) and removes its pid file. */
    void stop(String app) throws IOException {
        OptionalLong pid = pid(app);
        if (pid.isPresent()) {
            ProcessHandle process = ProcessHandle.of(pid.getAsLong()).orElseThrow();
            process.destroy();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception ex) {
                process.destroyForcibly();
            }
        }
        Files.deleteIfExists(this.runDir.resolve("pids").resolve(app + ".pid"));
    }

    /** The last lines of an app's log. */
    List<String> logTail(String app, int lines) {
        try {
            List<String> all = Files.readAllLines(this.runDir.resolve("logs").resolve(app + ".log"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException ex) {
            return List.of();
        }
    }

    /** Spring Boot's own start-up figures of an app, from its log: "Started ... in A seconds (process running for B)". */
    SpringStarted springStartup(String app) {
        try {
            Matcher matcher = SPRING_STARTED.matcher(
                    Files.readString(this.runDir.resolve("logs").resolve(app + ".log")));
            if (matcher.find()) {
                return new SpringStarted(Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2)));
            }
        } catch (IOException ex) {
            // no log
        }
        return null;
    }

    /**
     * Spring Boot's start-up figures of an app.
     *
     * @param startedInS "Started ... in" seconds
     * @param processRunningForS "process running for" seconds
     */
    record SpringStarted(double startedInS, double processRunningForS) {}

    /**
     * Start-up figures.
     *
     * @param appHealthySeconds per app, seconds from the runner's start of the apps until the app was healthy
     * @param stackHealthySeconds the runner's figure for the whole stack
     * @param runnerMillis how long {@code stack.sh up --no-build} took in all, to the millisecond
     */
    record Startup(Map<String, Integer> appHealthySeconds, int stackHealthySeconds, long runnerMillis) {}
}
