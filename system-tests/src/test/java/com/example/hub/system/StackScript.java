package com.example.hub.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code scripts/stack.sh} with an environment of a test's, its output appended to {@code <RUN_DIR>/stack.log}.
 */
public final class StackScript {

    /** The repository's root (tests run in their module's folder). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private StackScript() {}

    /**
     * Runs a subcommand to its end and asserts that it finished in time and succeeded.
     *
     * @param runDir the runner's {@code RUN_DIR}, where {@code stack.log} goes
     * @param environment the runner's environment (with {@code RUN_DIR})
     * @param timeout how long it may take
     * @param arguments the subcommand and its arguments, e.g. {@code up --no-build}
     */
    public static void run(Path runDir, Map<String, String> environment, Duration timeout, String... arguments) {
        Process process = start(runDir, environment, List.of(arguments));
        try {
            assertThat(process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS))
                    .as("scripts/stack.sh %s finished in time", String.join(" ", arguments))
                    .isTrue();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        assertThat(process.exitValue())
                .as("scripts/stack.sh %s (see %s)", String.join(" ", arguments), runDir.resolve("stack.log"))
                .isZero();
    }

    /**
     * Starts a subcommand in the background.
     *
     * @param runDir the runner's {@code RUN_DIR}, where {@code stack.log} goes
     * @param environment the runner's environment (with {@code RUN_DIR})
     * @param arguments the subcommand and its arguments
     * @return its process
     */
    public static Process start(Path runDir, Map<String, String> environment, List<String> arguments) {
        List<String> command =
                new ArrayList<>(List.of("bash", ROOT.resolve("scripts/stack.sh").toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        runDir.resolve("stack.log").toFile()));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
