package com.example.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A script of {@code examples/python}, run by Debian's {@code /usr/bin/python3} against a test virtual host. A test
 * that starts one fails at once, saying what to install, when {@code python3} or {@code python3-pika} is missing.
 */
public final class PythonExample {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final Process process;

    private final Path output;

    private PythonExample(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts a script with the broker settings of a virtual host in its environment.
     *
     * @param script the script's file name in {@code examples/python}
     * @param broker the test broker
     * @param virtualHost the virtual host
     * @param args the script's arguments
     * @return the running script
     */
    public static PythonExample start(String script, TestBroker broker, String virtualHost, String... args) {
        requirePika();
        Path scriptPath = examplesDirectory().resolve(script);
        assertThat(scriptPath).as("example script").isRegularFile();
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), scriptPath.toString()));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(script.replace(".py", "-"), ".out");
            output.toFile().deleteOnExit();
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(examplesDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment()
                    .putAll(Map.of(
                            "RABBITMQ_HOST", broker.host(),
                            "RABBITMQ_PORT", String.valueOf(broker.amqpPort()),
                            "RABBITMQ_USERNAME", broker.username(),
                            "RABBITMQ_PASSWORD", broker.password(),
                            "RABBITMQ_VHOST", virtualHost,
                            "PYTHONUNBUFFERED", "1"));
            return new PythonExample(builder.start(), output);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The {@code examples/python} folder of this repository (tests run in the module's folder). */
    private static Path examplesDirectory() {
        Path directory =
                Path.of("").toAbsolutePath().getParent().resolve("examples").resolve("python");
        assertThat(directory).as("examples/python of the repository").isDirectory();
        return directory;
    }

    private static void requirePika() {
        if (!Files.isExecutable(PYTHON)) {
            throw new AssertionError("The Python examples are tested with " + PYTHON
                    + ", which is missing: apt-get install -y python3 python3-pika");
        }
        try {
            Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import pika")
                    .redirectErrorStream(true)
                    .start();
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new AssertionError("The Python examples need pika for " + PYTHON
                        + ": apt-get install -y python3-pika ("
                        + new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        + ")");
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Waits for the script to end.
     *
     * @param timeout how long to wait at most
     * @return its exit code
     */
    public int waitFor(Duration timeout) {
        try {
            if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                this.process.destroyForcibly();
                throw new AssertionError("The script did not end within " + timeout + "; its output:\n" + output());
            }
            return this.process.exitValue();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * What the script printed so far, standard output and error.
     *
     * @return the output
     */
    public String output() {
        try {
            return Files.readString(this.output, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The lines of the output that start with a prefix, without it.
     *
     * @param prefix such as {@code "received "}
     * @return the rest of each such line
     */
    public List<String> linesStartingWith(String prefix) {
        return output().lines()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()))
                .toList();
    }

    /** Ends the script if it still runs. */
    public void stop() {
        if (this.process.isAlive()) {
            this.process.destroyForcibly();
        }
    }
}
