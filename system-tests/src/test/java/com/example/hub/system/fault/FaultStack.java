package com.example.hub.system.fault;

import com.example.hub.system.ApiKeys;
import com.example.hub.system.StackScript;
import com.example.hub.testsupport.DotEnv;
import com.example.hub.testsupport.LocalRabbitNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * The stack as {@code scripts/stack.sh} runs it (every app from its jar, in a process of its own), against a
 * RabbitMQ node of the fault suite's, with {@code scripts/stack.sh start|stop|kill} for one app at a time. Settings
 * for one app only (its own database) go to {@code $RUN_DIR/env/<app>.env}.
 */
final class FaultStack {

    static final Path ROOT = StackScript.ROOT;

    static final String ONEC = "onec-adapter";

    static final String DMS = "dms-adapter";

    static final String CRM = "crm-adapter";

    static final String SOINDI = "soindi-consumer";

    static final String CREATIO = "fake-creatio";

    /** The dead-letter console, which {@code scripts/stack.sh up} starts with the others. */
    static final String CONSOLE = "hub-console";

    private static final Map<String, String> PORT_VARIABLES = Map.of(
            ONEC,
            "ONEC_PORT",
            DMS,
            "DMS_PORT",
            CRM,
            "CRM_PORT",
            SOINDI,
            "SOINDI_PORT",
            CONSOLE,
            "CONSOLE_PORT",
            CREATIO,
            "FAKE_CREATIO_PORT");

    private final Map<String, String> environment = new LinkedHashMap<>();

    private final Path runDir;

    FaultStack(Path runDir, LocalRabbitNode node) {
        this.runDir = emptyRunDir(runDir);
        this.environment.put("RUN_DIR", runDir.toString());
        this.environment.put("STACK_JARS", copyJars(runDir.resolve("jars")).toString());
        this.environment.put("RABBITMQ_HOST", node.host());
        this.environment.put("RABBITMQ_PORT", Integer.toString(node.amqpPort()));
        this.environment.put("RABBITMQ_MANAGEMENT_PORT", Integer.toString(node.managementPort()));
        this.environment.put("RABBITMQ_USERNAME", node.username());
        this.environment.put("RABBITMQ_PASSWORD", node.password());
        this.environment.put("RABBITMQ_VHOST", "/");
        this.environment.put("FAKE_CREATIO_TEST_CONTROLS", "true");
        this.environment.putAll(ApiKeys.environment());
        // a shared machine under load: JVMs that start in 15 s alone may take minutes
        this.environment.put("STARTUP_TIMEOUT", "480");
        // the patch counts survive a stop of the fake, as a real Creatio's orders do
        this.environment.put(
                "FAKE_CREATIO_TEST_CONTROLS_PATCH_LOG",
                runDir.resolve("data").resolve(CREATIO).resolve("patches.log").toString());
        // and so do the orders, with the GUIDs the CRM adapter remembers for their numbers
        this.environment.put(
                "FAKE_CREATIO_ORDERS_LOG",
                runDir.resolve("data").resolve(CREATIO).resolve("orders.log").toString());
        PORT_VARIABLES.values().forEach(variable -> this.environment.put(variable, Integer.toString(freePort())));
    }

    /** A second set of instances of a stack's apps: the same settings, other ports, a run directory of its own. */
    private FaultStack(Path runDir, FaultStack first) {
        this.runDir = emptyRunDir(runDir);
        this.environment.putAll(first.environment);
        this.environment.put("RUN_DIR", runDir.toString());
        // fake-creatio is the first stack's: FAKE_CREATIO_PORT stays, for CREATIO_BASE_URL
        PORT_VARIABLES.forEach((app, variable) -> {
            if (!CREATIO.equals(app)) {
                this.environment.put(variable, Integer.toString(freePort()));
            }
        });
    }

    /** Empties a run directory and makes its {@code env} folder. */
    private static Path emptyRunDir(Path runDir) {
        FileSystemUtils.deleteRecursively(runDir.toFile());
        try {
            Files.createDirectories(runDir.resolve("env"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return runDir;
    }

    /**
     * Second instances of this stack's apps, as {@code scripts/stack.sh} runs them with a {@code RUN_DIR} of their
     * own: the same settings and jars, ports of their own (for the runner's {@code start}, health checks and pid files),
     * and this stack's fake-creatio. Nothing runs until {@link #start} names the apps; per-app settings go to the new
     * run directory ({@link #settingsOf}).
     *
     * @param runDir their run directory; emptied first
     * @return the second set of instances
     */
    FaultStack secondInstances(Path runDir) {
        return new FaultStack(runDir, this);
    }

    /**
     * A setting of every app that {@code scripts/stack.sh} starts from now on, e.g. {@code SPRING_RABBITMQ_ADDRESSES}.
     *
     * @param name the variable
     * @param value its value
     */
    void setting(String name, String value) {
        this.environment.put(name, value);
    }

    /**
     * Copies every app's jar (and odoo-producer's) to a directory of the run's as {@code <app>.jar}, as {@code
     * scripts/stack.sh} finds them, so that a rebuild of the modules meanwhile does not pull a jar from under a
     * running app.
     */
    private static Path copyJars(Path directory) {
        try {
            Files.createDirectories(directory);
            for (String module : List.of(CREATIO, ONEC, DMS, CRM, SOINDI, CONSOLE, "odoo-producer")) {
                Files.copy(jarOf(module), directory.resolve(module + ".jar"));
            }
            return directory;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The module's executable jar: {@code *-exec.jar}, else {@code <module>-<version>.jar}. */
    private static Path jarOf(String module) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(module).resolve("target"))) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(file -> !file.getFileName().toString().matches(".*-(sources|tests|javadoc)\\.jar"))
                    .sorted()
                    .toList();
            return jars.stream()
                    .filter(jar -> jar.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .or(() -> jars.stream()
                            .filter(jar -> jar.getFileName().toString().startsWith(module + "-"))
                            .findFirst())
                    .orElseThrow(() -> new IllegalStateException(
                            "No jar of " + module + ": build the apps first (./mvnw install -DskipTests)"));
        } catch (NoSuchFileException ex) {
            throw new IllegalStateException(
                    "No jar of " + module + ": build the apps first (./mvnw install -DskipTests)", ex);
        }
    }

    /**
     * Settings for one app only, e.g. its own database.
     *
     * @param app the app
     * @param settings its settings
     */
    void settingsOf(String app, Map<String, String> settings) {
        DotEnv.write(this.runDir.resolve("env").resolve(app + ".env"), settings);
    }

    URI uri(String app) {
        return URI.create("http://127.0.0.1:" + this.environment.get(PORT_VARIABLES.get(app)));
    }

    Path log(String app) {
        return this.runDir.resolve("logs").resolve(app + ".log");
    }

    /** {@code scripts/stack.sh up --no-build}: every app, healthy. */
    void up() {
        run(Duration.ofMinutes(9), "up", "--no-build");
    }

    /** {@code scripts/stack.sh down}: every app stopped. */
    void down() {
        run(Duration.ofMinutes(3), "down");
    }

    /** {@code scripts/stack.sh start APP...}: started (after a stop or kill; running ones are left alone) and healthy. */
    void start(String... apps) {
        String[] arguments = new String[apps.length + 1];
        arguments[0] = "start";
        System.arraycopy(apps, 0, arguments, 1, apps.length);
        run(Duration.ofMinutes(9), arguments);
    }

    /** {@code scripts/stack.sh start APP} in the background: started, not waited for. */
    Process startInBackground(String app) {
        return process(List.of("start", app));
    }

    /** {@code scripts/stack.sh stop APP}: SIGTERM, as an operator stops it. */
    void stop(String app) {
        run(Duration.ofMinutes(1), "stop", app);
    }

    /** {@code scripts/stack.sh kill APP}: kill -9, as a crash. */
    void kill(String app) {
        run(Duration.ofSeconds(30), "kill", app);
    }

    private void run(Duration timeout, String... arguments) {
        StackScript.run(this.runDir, this.environment, timeout, arguments);
    }

    private Process process(List<String> arguments) {
        return StackScript.start(this.runDir, this.environment, arguments);
    }

    /**
     * A free port below the ports RabbitMQ's CLI tools may take while they run: 35672-35682 for the machine's broker,
     * the distribution port of the suite's node (a free port as well) plus 10000 and up.
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (port < 35672 || (port > 35700 && port < 42000)) {
                    return port;
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        throw new IllegalStateException("No free port below 42000 in 100 attempts");
    }
}
