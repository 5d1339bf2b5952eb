package com.example.hub.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * A RabbitMQ node of a test's own, for faults that must not touch the machine's broker: a node that can be stopped
 * and started again under load. It runs from this machine's RabbitMQ installation ({@code
 * /usr/lib/rabbitmq/bin/rabbitmq-server}, in the foreground as a child process of the test) with the management
 * plugin, on free loopback ports, with its data, logs and configuration under a directory of the test's, and the
 * machine's Erlang cookie so that {@code rabbitmqctl} reaches it. {@link #close()} stops it and deletes its directory.
 * Optionally also with a TLS (AMQPS) listener of the test's certificates ({@link #startWithTls}).
 */
public final class LocalRabbitNode implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");

    private static final Path CTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");

    private static final List<Path> MACHINE_COOKIES = List.of(
            Path.of("/var/lib/rabbitmq/.erlang.cookie"), Path.of(System.getProperty("user.home"), ".erlang.cookie"));

    /** A node starts in 10 s on an idle machine; a loaded one can take minutes. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

    private final Path directory;

    private final String nodeName;

    private final int amqpPort;

    private final int managementPort;

    private final Tls tls;

    private final int amqpsPort;

    private final Map<String, String> environment;

    private final Thread shutdownHook;

    private volatile Process process;

    private LocalRabbitNode(Path directory, String cookie, Tls tls) throws IOException {
        this.directory = directory;
        this.tls = tls;
        this.nodeName = "hubfault-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff)) + "@localhost";
        int distributionPort = LocalPorts.free();
        this.amqpPort = LocalPorts.free(distributionPort);
        this.managementPort = LocalPorts.free(distributionPort);
        this.amqpsPort = tls == null ? -1 : LocalPorts.free(distributionPort);
        Path home = Files.createDirectories(directory.resolve("home"));
        writeCookie(home.resolve(".erlang.cookie"), cookie);
        Files.writeString(
                directory.resolve("rabbitmq.conf"),
                """
                management.tcp.ip = 127.0.0.1
                management.tcp.port = %d
                collect_statistics_interval = 1000
                """.formatted(this.managementPort) + (tls == null ? "" : tls.configuration(this.amqpsPort)));
        Files.writeString(directory.resolve("enabled_plugins"), "[rabbitmq_management].\n");
        this.environment = Map.ofEntries(
                Map.entry("HOME", home.toString()),
                Map.entry("RABBITMQ_NODENAME", this.nodeName),
                Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
                Map.entry("RABBITMQ_NODE_PORT", Integer.toString(this.amqpPort)),
                Map.entry("RABBITMQ_DIST_PORT", Integer.toString(distributionPort)),
                Map.entry("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString()),
                Map.entry("RABBITMQ_LOG_BASE", directory.resolve("log").toString()),
                Map.entry(
                        "RABBITMQ_CONFIG_FILE",
                        directory.resolve("rabbitmq.conf").toString()),
                Map.entry(
                        "RABBITMQ_ENABLED_PLUGINS_FILE",
                        directory.resolve("enabled_plugins").toString()),
                Map.entry("RABBITMQ_PID_FILE", directory.resolve("rabbitmq.pid").toString()));
        this.shutdownHook = new Thread(this::destroy, "stop " + this.nodeName);
        Runtime.getRuntime().addShutdownHook(this.shutdownHook);
    }

    /**
     * Starts a new node with empty data, and waits until its AMQP port and management API answer.
     *
     * @param directory where its data, logs and configuration go; emptied first
     * @return the running node
     */
    public static LocalRabbitNode start(Path directory) {
        return start(directory, null);
    }

    /**
     * Starts a new node with empty data and the given Erlang cookie (nodes that are to form a cluster need the same
     * one), and waits until its AMQP port and management API answer.
     *
     * @param directory where its data, logs and configuration go; emptied first
     * @param cookie the node's Erlang cookie; {@code null}: the machine's, else a new one
     * @return the running node
     */
    public static LocalRabbitNode start(Path directory, String cookie) {
        return start(directory, cookie, null);
    }

    /**
     * Starts a new node with empty data and, beside its plain AMQP port, a TLS listener (AMQPS) with the given
     * certificates, and waits until both ports and the management API answer.
     *
     * @param directory where its data, logs and configuration go; emptied first
     * @param tls the listener's certificates and whether it requires a client certificate
     * @return the running node
     */
    public static LocalRabbitNode startWithTls(Path directory, Tls tls) {
        return start(directory, null, tls);
    }

    private static LocalRabbitNode start(Path directory, String cookie, Tls tls) {
        if (!Files.isExecutable(SERVER) || !Files.isExecutable(CTL)) {
            throw new IllegalStateException("A RabbitMQ node of the test's own needs RabbitMQ's server and CLI at "
                    + SERVER.getParent() + ": apt-get install rabbitmq-server (bash .ci/run does)");
        }
        try {
            FileSystemUtils.deleteRecursively(directory);
            LocalRabbitNode node = new LocalRabbitNode(Files.createDirectories(directory), cookie, tls);
            node.startServer();
            return node;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Starts the node again after {@link #stop()}, with its data, and waits until it answers. */
    public synchronized void startServer() {
        if (this.process != null && this.process.isAlive()) {
            return;
        }
        this.process = LocalCommand.start(List.of(SERVER.toString()), this.environment, consoleLog());
        awaitRunning();
    }

    /** Stops the node as an operator does ({@code rabbitmqctl stop}), and waits until its process has ended. */
    public synchronized void stop() {
        Process running = this.process;
        if (running == null || !running.isAlive()) {
            return;
        }
        LocalCommand.exitStatus(ctl("stop"), this.environment, consoleLog(), Duration.ofSeconds(60));
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                destroy();
                running.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            destroy();
        }
    }

    /**
     * Runs {@code rabbitmqctl} against this node (and only this node: {@code -n} and its cookie), its output appended
     * to the node's console log.
     *
     * @param timeout how long it may take
     * @param arguments its arguments, e.g. {@code stop_app}
     * @return its exit status, -1 when it did not finish in time
     */
    public int rabbitmqctl(Duration timeout, String... arguments) {
        return LocalCommand.exitStatus(ctl(arguments), this.environment, consoleLog(), timeout);
    }

    /**
     * Makes this node a member of another node's cluster ({@code stop_app}, {@code join_cluster}, {@code start_app},
     * on this node only), and waits until it runs again. Both need the same Erlang cookie.
     *
     * @param other a node of the cluster to join
     */
    public synchronized void join(LocalRabbitNode other) {
        for (List<String> step :
                List.of(List.of("stop_app"), List.of("join_cluster", other.nodeName()), List.of("start_app"))) {
            int exit = rabbitmqctl(Duration.ofMinutes(2), step.toArray(String[]::new));
            if (exit != 0) {
                throw new IllegalStateException("rabbitmqctl -n " + this.nodeName + " " + String.join(" ", step)
                        + " exited with status " + exit + " (see " + consoleLog() + ")");
            }
        }
        awaitRunning();
    }

    /** Waits until the node's AMQP port and management API answer and its applications run, e.g. after start_app. */
    public void awaitRunning() {
        await().atMost(STARTUP_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .failFast("RabbitMQ node " + this.nodeName + " exited (see " + consoleLog() + ")", () -> !running())
                .until(this::answers);
    }

    /** Whether the node's process runs. */
    public boolean running() {
        return this.process != null && this.process.isAlive();
    }

    private boolean answers() {
        return LocalPorts.open(this.amqpPort)
                && LocalPorts.open(this.managementPort)
                && (this.tls == null || LocalPorts.open(this.amqpsPort))
                && LocalCommand.exitStatus(
                                ctl("-q", "await_startup", "--timeout", "5"),
                                this.environment,
                                consoleLog(),
                                Duration.ofSeconds(20))
                        == 0;
    }

    private List<String> ctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(CTL.toString(), "-n", this.nodeName));
        command.addAll(List.of(arguments));
        return command;
    }

    private Path consoleLog() {
        return this.directory.resolve("console.log");
    }

    /**
     * The cookie given, else the machine's Erlang cookie, so that the CLI tools of this machine reach the node; a new
     * one if none exists.
     */
    private static void writeCookie(Path cookie, String given) throws IOException {
        String value = given;
        for (Path machineCookie : MACHINE_COOKIES) {
            if (value == null && Files.isReadable(machineCookie)) {
                value = Files.readString(machineCookie, StandardCharsets.US_ASCII)
                        .strip();
                break;
            }
        }
        if (value == null || value.isEmpty()) {
            StringBuilder random = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                random.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
            }
            value = random.toString();
        }
        Files.deleteIfExists(cookie);
        Files.writeString(cookie, value, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
    }

    public String nodeName() {
        return this.nodeName;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int amqpPort() {
        return this.amqpPort;
    }

    public int managementPort() {
        return this.managementPort;
    }

    /**
     * The port of the node's TLS listener.
     *
     * @return the port, on 127.0.0.1
     * @throws IllegalStateException if the node was started without one
     */
    public int amqpsPort() {
        if (this.tls == null) {
            throw new IllegalStateException("Node " + this.nodeName + " has no TLS listener (see startWithTls)");
        }
        return this.amqpsPort;
    }

    public String username() {
        return "guest";
    }

    public String password() {
        return "guest";
    }

    /**
     * The node's management API.
     *
     * @return a client of it
     */
    public RabbitManagement management() {
        return new RabbitManagement(URI.create("http://127.0.0.1:" + this.managementPort), username(), password());
    }

    /** Stops the node and deletes its directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            destroy();
            FileSystemUtils.deleteRecursively(this.directory.toFile());
            try {
                Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
            } catch (IllegalStateException ex) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
    }

    /**
     * Ends the node's processes however they are: the Erlang VM named in the node's pid file (which outlives the start
     * script if that was killed first), and the start script with what it started.
     */
    private void destroy() {
        List<ProcessHandle> processes = new ArrayList<>();
        try {
            Path pidFile = this.directory.resolve("rabbitmq.pid");
            if (Files.isRegularFile(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                        .ifPresent(processes::add);
            }
        } catch (IOException | NumberFormatException ex) {
            // no pid file yet, or a partial one: the start script's tree below is all there is
        }
        Process running = this.process;
        if (running != null) {
            // not epmd, should the node have started it: other nodes of this machine use it too
            running.descendants()
                    .filter(child -> !child.info().command().orElse("").endsWith("epmd"))
                    .forEach(processes::add);
            processes.add(running.toHandle());
        }
        processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * A TLS listener of a {@link LocalRabbitNode}: RabbitMQ's {@code listeners.ssl} and {@code ssl_options}. The node
     * verifies a client certificate that is offered against {@code caCertificate}; with {@code
     * requireClientCertificate} a client without one is refused (mutual TLS).
     *
     * @param caCertificate PEM file of the certificate authority that client certificates must be signed by
     * @param certificate PEM file of the node's certificate
     * @param privateKey PEM file of its private key (unencrypted)
     * @param requireClientCertificate whether a client must present a certificate
     */
    public record Tls(Path caCertificate, Path certificate, Path privateKey, boolean requireClientCertificate) {

        String configuration(int port) {
            return """
                    listeners.ssl.default = 127.0.0.1:%d
                    ssl_options.cacertfile = %s
                    ssl_options.certfile = %s
                    ssl_options.keyfile = %s
                    ssl_options.verify = verify_peer
                    ssl_options.fail_if_no_peer_cert = %b
                    """.formatted(
                            port,
                            this.caCertificate.toAbsolutePath(),
                            this.certificate.toAbsolutePath(),
                            this.privateKey.toAbsolutePath(),
                            this.requireClientCertificate);
        }
    }
}
