package com.example.hub.system;

import com.example.hub.testsupport.BrokerUser;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * The stack as the local runner ({@code scripts/stack.sh}) starts it: every app from its jar, in processes of their
 * own, on free ports, in a virtual host of the test's.
 */
final class LocalStack {

    static final Path ROOT = StackScript.ROOT;

    private final Map<String, String> environment = new HashMap<>();

    private final Path runDir;

    private final String virtualHost;

    LocalStack(String virtualHost, String brokerHost, int brokerPort, String username, String password)
            throws IOException {
        this.virtualHost = virtualHost;
        this.runDir = Files.createDirectories(ROOT.resolve("system-tests/target/stack"));
        // every run starts with empty journals and stores, as a new installation does
        FileSystemUtils.deleteRecursively(this.runDir.resolve("data"));
        this.environment.put("RUN_DIR", this.runDir.toString());
        this.environment.put("RABBITMQ_HOST", brokerHost);
        this.environment.put("RABBITMQ_PORT", Integer.toString(brokerPort));
        this.environment.put("RABBITMQ_USERNAME", username);
        this.environment.put("RABBITMQ_PASSWORD", password);
        this.environment.put("RABBITMQ_VHOST", virtualHost);
        this.environment.put("FAKE_CREATIO_TEST_CONTROLS", "true");
        this.environment.putAll(ApiKeys.environment());
        // The end-to-end tests make Creatio fail call by call: one delayed retry, 1 s after the first failure, then the
        // dead-letter queue; and no circuit breaker, whose session checks would take some of the injected failures
        this.environment.put("HUB_MESSAGING_RETRY_DELAYS", "1s");
        this.environment.put("HUB_MESSAGING_RETRY_GIVEUPAFTER", "1s");
        this.environment.put("HUB_MESSAGING_PAUSEWHILEDOWN", "");
        for (String port :
                List.of("ONEC_PORT", "DMS_PORT", "CRM_PORT", "SOINDI_PORT", "CONSOLE_PORT", "FAKE_CREATIO_PORT")) {
            this.environment.put(port, Integer.toString(freePort()));
        }
    }

    /**
     * Runs an app as its own broker user, as compose does: the runner's {@code STACK_APP_USERS=on} gives the user its
     * permissions, declares the shared topology as the administrator, and starts the app as that user.
     *
     * @param app the app's key in {@code docker/rabbitmq/app-permissions.conf}, such as {@code dms}
     * @param user its user
     */
    void appUser(String app, BrokerUser user) {
        String key = app.toUpperCase(Locale.ROOT);
        this.environment.put("STACK_APP_USERS", "on");
        this.environment.put("RABBITMQ_" + key + "_USERNAME", user.username());
        this.environment.put("RABBITMQ_" + key + "_PASSWORD", user.password());
    }

    String virtualHost() {
        return this.virtualHost;
    }

    int port(String variable) {
        return Integer.parseInt(this.environment.get(variable));
    }

    Path log(String app) {
        return this.runDir.resolve("logs").resolve(app + ".log");
    }

    /** Starts every app and waits until all are healthy, as {@code scripts/stack.sh up} does. */
    void up() throws IOException, InterruptedException {
        run(Duration.ofMinutes(4), "up", "--no-build");
    }

    void down() throws IOException, InterruptedException {
        run(Duration.ofMinutes(2), "down");
    }

    /** Runs odoo-producer once, as {@code scripts/stack.sh produce} does. */
    int produce(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("produce"));
        command.addAll(List.of(arguments));
        Process process = StackScript.start(this.runDir, this.environment, command);
        return process.waitFor(2, TimeUnit.MINUTES) ? process.exitValue() : -1;
    }

    private void run(Duration timeout, String... arguments) {
        StackScript.run(this.runDir, this.environment, timeout, arguments);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
