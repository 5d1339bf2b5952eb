package com.example.hub.testsupport;

import org.springframework.beans.factory.DisposableBean;
import tools.jackson.databind.JsonNode;

/**
 * The virtual host of a {@link BrokerTest} class, deleted when its application context closes. Being registered
 * before any other bean, it is destroyed after them all, once the application's connections are closed.
 */
public final class BrokerTestVirtualHost implements DisposableBean {

    private final TestBroker broker;

    private final String name;

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

    @Override
    public void destroy() {
        this.broker.deleteVirtualHost(this.name);
    }
}
