package com.example.hub.testsupport;

import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A virtual host of the test broker for one test method, for the tests that start their applications themselves
 * (rather than as a {@link BrokerTest}). Register it as a field with {@code @RegisterExtension}; a test creates the
 * virtual host with {@link #create} and hands over what it starts in it with {@link #closeAfterTest}. After each test
 * it closes those, the last first, and deletes the virtual host.
 */
public final class TemporaryVirtualHost implements AfterEachCallback {

    private final TestBroker broker = TestBroker.get();

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    private @Nullable String name;

    /**
     * Creates the test's virtual host ({@link TestBroker#newVirtualHost}).
     *
     * @param owner a short name of what uses it
     * @return its name
     */
    public String create(String owner) {
        if (this.name != null) {
            throw new IllegalStateException("This test has its virtual host already: " + this.name);
        }
        this.name = this.broker.newVirtualHost(owner);
        return this.name;
    }

    /**
     * The test's virtual host.
     *
     * @return its name
     * @throws IllegalStateException when the test has not created it
     */
    public String name() {
        if (this.name == null) {
            throw new IllegalStateException("No virtual host yet: call create(owner) first");
        }
        return this.name;
    }

    /**
     * The broker.
     *
     * @return the test broker
     */
    public TestBroker broker() {
        return this.broker;
    }

    /**
     * Has something the test started, an application or a process, closed after the test, before the virtual host
     * is deleted.
     *
     * @param resource what to close
     * @param <T> its type
     * @return the same resource
     */
    public <T extends AutoCloseable> T closeAfterTest(T resource) {
        this.resources.push(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            while (!this.resources.isEmpty()) {
                this.resources.pop().close();
            }
        } finally {
            if (this.name != null) {
                this.broker.deleteVirtualHost(this.name);
                this.name = null;
            }
        }
    }
}
