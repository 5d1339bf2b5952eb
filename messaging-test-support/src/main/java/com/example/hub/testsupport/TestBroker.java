package com.example.hub.testsupport;

import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The RabbitMQ broker that integration tests talk to, over a real connection.
 *
 * <ul>
 *   <li>{@code RABBITMQ_HOST} set: that broker ({@code RABBITMQ_PORT}, {@code RABBITMQ_USERNAME}, {@code
 *       RABBITMQ_PASSWORD}, {@code RABBITMQ_MANAGEMENT_PORT}; defaults 5672, guest, guest, 15672).
 *   <li>otherwise, where a Docker engine is available: a Testcontainers RabbitMQ 4 with the management plugin.
 *   <li>otherwise: the broker at 127.0.0.1:5672.
 * </ul>
 *
 * <p>Each test class works in a virtual host of its own ({@link #newVirtualHost(String)}), because a shared broker
 * keeps state between runs. If no broker can be reached, tests fail with a message that says how to provide one.
 */
public final class TestBroker {

    static final String IMAGE = "rabbitmq:4.1-management";

    private static final Logger logger = LoggerFactory.getLogger(TestBroker.class);

    private static final String VHOST_PREFIX = "it-";

    private static final long STALE_AFTER_SECONDS = 6 * 3600;

    private static volatile TestBroker instance;

    private final String host;

    private final int amqpPort;

    private final String username;

    private final String password;

    private final RabbitManagement management;

    private TestBroker(String host, int amqpPort, URI managementUri, String username, String password) {
        this.host = host;
        this.amqpPort = amqpPort;
        this.username = username;
        this.password = password;
        this.management = new RabbitManagement(managementUri, username, password);
    }

    /**
     * The broker of this test run, found (or started) on first use.
     *
     * @return the broker
     * @throws IllegalStateException when no broker can be reached
     */
    public static TestBroker get() {
        TestBroker broker = instance;
        if (broker == null) {
            synchronized (TestBroker.class) {
                broker = instance;
                if (broker == null) {
                    broker = locate();
                    broker.deleteStaleVirtualHosts();
                    instance = broker;
                }
            }
        }
        return broker;
    }

    private static TestBroker locate() {
        String host = System.getenv("RABBITMQ_HOST");
        String username = env("RABBITMQ_USERNAME", "guest");
        String password = env("RABBITMQ_PASSWORD", "guest");
        if ((host == null || host.isBlank()) && dockerAvailable()) {
            RabbitMQContainer container = new RabbitMQContainer(IMAGE);
            container.start();
            return new TestBroker(
                    container.getHost(),
                    container.getAmqpPort(),
                    URI.create(container.getHttpUrl()),
                    container.getAdminUsername(),
                    container.getAdminPassword());
        }
        host = (host == null || host.isBlank()) ? "127.0.0.1" : host;
        int port = Integer.parseInt(env("RABBITMQ_PORT", "5672"));
        int managementPort = Integer.parseInt(env("RABBITMQ_MANAGEMENT_PORT", "15672"));
        requireReachable(host, port, "the AMQP port");
        requireReachable(
                host, managementPort, "the management API (enable it: rabbitmq-plugins enable rabbitmq_management)");
        return new TestBroker(host, port, URI.create("http://" + host + ":" + managementPort), username, password);
    }

    /**
     * Whether Testcontainers can start a broker. Asked only where an engine may be (a {@code DOCKER_HOST}, a
     * Testcontainers configuration or the default socket), so that a machine without Docker gets one line saying so
     * rather than Testcontainers' error and stack trace.
     */
    private static boolean dockerAvailable() {
        boolean mayHaveDocker = !env("DOCKER_HOST", "").isEmpty()
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!mayHaveDocker) {
            logger.info("No Docker engine here (no DOCKER_HOST, no /var/run/docker.sock): the tests use the RabbitMQ"
                    + " that RABBITMQ_HOST names, or the one at 127.0.0.1");
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    private static void requireReachable(String host, int port, String what) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException ex) {
            throw new IllegalStateException("These tests need a real RabbitMQ, and " + what + " at " + host + ":" + port
                    + " cannot be reached (" + ex.getMessage() + "). Start one (rabbitmq-server -detached, with the "
                    + "management plugin enabled), point the tests at one with RABBITMQ_HOST, RABBITMQ_PORT, "
                    + "RABBITMQ_USERNAME, RABBITMQ_PASSWORD and RABBITMQ_MANAGEMENT_PORT, or run them where a Docker "
                    + "engine is available for Testcontainers. bash .ci/run does all of this.");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return (value == null || value.isBlank()) ? fallback : value;
    }

    /**
     * Creates a fresh virtual host for a test class, with all permissions for the test user.
     *
     * @param owner a short name of what uses it, such as the test class's simple name
     * @return the name of the virtual host
     */
    public String newVirtualHost(String owner) {
        String name = VHOST_PREFIX + Instant.now().getEpochSecond() + "-"
                + owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        this.management.createVirtualHost(name, this.username);
        return name;
    }

    /**
     * Deletes a virtual host and everything in it.
     *
     * @param name the virtual host
     */
    public void deleteVirtualHost(String name) {
        this.management.deleteVirtualHost(name);
    }

    /**
     * Declares the hub's shared topology in a virtual host as compose's broker does when it starts: by importing
     * {@value AppPermissions#DEFINITIONS} as the administrator.
     *
     * @param vhost the virtual host
     */
    public void declareSharedTopology(String vhost) {
        this.management.importDefinitions(vhost, AppPermissions.definitions());
    }

    /**
     * Creates a user of an application of the hub, with the permissions compose gives that application ({@value
     * AppPermissions#FILE}) in a virtual host. Users are not deleted with their virtual host: {@link #deleteUser}
     * (a {@link BrokerTestVirtualHost} does it for the users it created), else a later run deletes them after some
     * hours.
     *
     * @param vhost the virtual host
     * @param app the application's key, such as {@code dms}
     * @return the user
     */
    public BrokerUser newUser(String vhost, String app) {
        AppPermissions permissions = AppPermissions.of(app);
        String name = VHOST_PREFIX + Instant.now().getEpochSecond() + "-" + app + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        String password = Long.toHexString(ThreadLocalRandom.current().nextLong())
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.management.createUser(name, password);
        this.management.setPermissions(vhost, name, permissions.configure(), permissions.write(), permissions.read());
        for (AppPermissions.Topic topic : permissions.topics()) {
            this.management.setTopicPermissions(vhost, name, topic.exchange(), topic.write(), topic.read());
        }
        return new BrokerUser(name, password);
    }

    /**
     * Deletes a user.
     *
     * @param user the user
     */
    public void deleteUser(BrokerUser user) {
        this.management.deleteUser(user.username());
    }

    /** Virtual hosts and users that earlier, interrupted runs left behind. */
    private void deleteStaleVirtualHosts() {
        for (String vhost : this.management.virtualHosts()) {
            if (stale(vhost)) {
                this.management.deleteVirtualHost(vhost);
            }
        }
        for (String user : this.management.users()) {
            if (stale(user)) {
                this.management.deleteUser(user);
            }
        }
    }

    private static boolean stale(String name) {
        if (!name.startsWith(VHOST_PREFIX)) {
            return false;
        }
        String[] parts = name.split("-");
        return parts.length > 2
                && parts[1].matches("\\d+")
                && Instant.now().getEpochSecond() - Long.parseLong(parts[1]) > STALE_AFTER_SECONDS;
    }

    public String host() {
        return this.host;
    }

    public int amqpPort() {
        return this.amqpPort;
    }

    public String username() {
        return this.username;
    }

    public String password() {
        return this.password;
    }

    /**
     * A RabbitMQ client connection factory as the test user, the broker's administrator: for what a test does
     * beside the application, as an older client or an administrator would.
     *
     * @param vhost the virtual host to connect to
     * @return the factory
     */
    public ConnectionFactory connectionFactory(String vhost) {
        return new BrokerUser(this.username, this.password).connectionFactory(this, vhost);
    }

    /**
     * The broker's management API.
     *
     * @return a client of the management API
     */
    public RabbitManagement management() {
        return this.management;
    }
}
