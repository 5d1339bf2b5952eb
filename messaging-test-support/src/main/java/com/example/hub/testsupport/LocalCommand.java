package com.example.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command of a local server's tools, run to its end within a time limit, its output appended to a log. */
final class LocalCommand {

    private LocalCommand() {}

    /**
     * Runs a command and fails when it does not finish in time or exits with another status than 0.
     *
     * @param command the command and its arguments
     * @param environment variables added to this process's environment
     * @param log the file its output is appended to
     * @param timeout how long it may take
     */
    static void run(List<String> command, Map<String, String> environment, Path log, Duration timeout) {
        int exit = exitStatus(command, environment, log, timeout);
        if (exit != 0) {
            throw new IllegalStateException(
                    "'" + String.join(" ", command) + "' exited with status " + exit + ": see " + log);
        }
    }

    /**
     * Runs a command and answers its exit status, -1 when it did not finish in time (it is then destroyed).
     *
     * @param command the command and its arguments
     * @param environment variables added to this process's environment
     * @param log the file its output is appended to
     * @param timeout how long it may take
     * @return the exit status
     */
    static int exitStatus(List<String> command, Map<String, String> environment, Path log, Duration timeout) {
        try {
            Process process = start(command, environment, log);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, ex);
        }
    }

    /**
     * Starts a command in the background.
     *
     * @param command the command and its arguments
     * @param environment variables added to this process's environment
     * @param log the file its output is appended to
     * @return the process
     */
    static Process start(List<String> command, Map<String, String> environment, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot start " + command, ex);
        }
    }
}
