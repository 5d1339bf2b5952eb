package com.example.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import tools.jackson.databind.JsonNode;

/**
 * The virtual host of a {@link BrokerTest} class, deleted when its application context closes. Being registered
 * before any other bean, it is destroyed after them all, once the application's connections are closed.
 */
public final class BrokerTestVirtualHost implements DisposableBean {

    private final TestBroker broker;

    private final String name;

    private final List<BrokerUser> users = new CopyOnWriteArrayList<>();

    private final Map<String, AppClient> clients = new ConcurrentHashMap<>();

    BrokerTestVirtualHost(TestBroker broker, String name) {
        this.broker = broker;
        this.name = name;
    }

    public String name() {
        return this.name;
    }

    public TestBroker broker() {
        return this.broker;
    }

    /**
     * A queue of this virtual host, as the management API shows it.
     *
     * @param queue the queue
     * @return its JSON
     */
    public JsonNode queue(String queue) {
        return this.broker.management().queue(this.name, queue);
    }

    /**
     * How many messages a queue holds (ready and unacknowledged), as the management API last sampled it.
     *
     * @param queue the queue
     * @return the message count
     */
    public long messageCount(String queue) {
        JsonNode messages = queue(queue).get("messages");
        return messages == null || messages.isNull() ? 0 : messages.asLong();
    }

    /**
     * Waits up to 30 s until a queue holds a number of messages: the management API samples queue lengths every few
     * seconds, so a count read once may be stale.
     *
     * @param queue the queue
     * @param expected the number of messages it must come to hold
     */
    public void awaitMessageCount(String queue, long expected) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(messageCount(queue))
                        .as("messages in " + queue)
                        .isEqualTo(expected));
    }

    /**
     * Waits up to 15 s until a queue holds a message, and returns its first ten messages as the management API shows
     * them (left in the queue): for a queue the test cannot or need not consume, such as a dead-letter queue that
     * another application's user may not read.
     *
     * @param queue the queue
     * @return its first messages, at least one
     */
    public List<JsonNode> awaitMessages(String queue) {
        return await().atMost(Duration.ofSeconds(15))
                .until(() -> this.broker.management().peek(this.name, queue, 10), messages -> !messages.isEmpty());
    }

    /**
     * Waits up to 15 s until a queue holds a message ({@link #awaitMessages}), checks that it holds that one only, and
     * returns one of its headers: such as why a dead letter failed.
     *
     * @param queue the queue
     * @param header the header's name
     * @return the header's value as text, empty when the message does not carry it
     */
    public String awaitOnlyMessageHeader(String queue, String header) {
        List<JsonNode> messages = awaitMessages(queue);
        assertThat(messages).as("messages in " + queue).hasSize(1);
        return messages.getFirst()
                .path("properties")
                .path("headers")
                .path(header)
                .asString();
    }

    /**
     * Creates a user of an application of the hub with compose's permissions in this virtual host ({@link
     * TestBroker#newUser}), deleted with the virtual host.
     *
     * @param app the application's key, such as {@code onec}
     * @return the user
     */
    public BrokerUser newUser(String app) {
        BrokerUser user = this.broker.newUser(this.name, app);
        this.users.add(user);
        return user;
    }

    /**
     * This virtual host as another application of the hub: a client with that application's user ({@link
     * AppClient#connect}), the same for every test of the class while its channel is open, closed with the virtual
     * host.
     *
     * @param app the application's key, such as {@code onec}
     * @return its client
     */
    public AppClient client(String app) {
        return this.clients.compute(app, (key, client) -> {
            if (client != null && client.isOpen()) {
                return client;
            }
            if (client != null) {
                closeQuietly(client);
            }
            return connect(key);
        });
    }

    private static void closeQuietly(AppClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ex) {
            // closed already, or the broker is going: its virtual host is deleted anyway
        }
    }

    private AppClient connect(String app) {
        try {
            return AppClient.connect(this, app);
        } catch (IOException | TimeoutException ex) {
            throw new IllegalStateException("Cannot connect to " + this.name + " as " + app, ex);
        }
    }

    @Override
    public void destroy() {
        this.clients.values().forEach(BrokerTestVirtualHost::closeQuietly);
        this.broker.deleteVirtualHost(this.name);
        this.users.forEach(this.broker::deleteUser);
    }
}
