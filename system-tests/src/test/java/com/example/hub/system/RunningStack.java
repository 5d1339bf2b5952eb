package com.example.hub.system;

import com.example.hub.testsupport.BrokerUser;
import com.example.hub.testsupport.TestBroker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the stack once for all test classes of this module, in a virtual host of its own, and stops it (and deletes
 * the virtual host) when the test run ends. Test classes receive it as a {@link LocalStack} parameter.
 */
class RunningStack implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalStack.class;
    }

    @Override
    public LocalStack resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext
                .getRoot()
                .getStore(ExtensionContext.Namespace.create(RunningStack.class))
                .computeIfAbsent(Started.class, key -> Started.start(), Started.class)
                .stack();
    }

    /**
     * The started stack, its apps each under its own broker user as compose runs them; closed by JUnit when the root
     * context closes, after the last test.
     */
    private record Started(TestBroker broker, String virtualHost, List<BrokerUser> users, LocalStack stack)
            implements AutoCloseable {

        /**
         * The keys of the apps' broker users (docker/rabbitmq/app-permissions.conf): the runner makes a user of every
         * line there, so each needs its credentials.
         */
        private static final List<String> APP_USERS = List.of("onec", "dms", "crm", "soindi", "odoo", "console");

        static Started start() {
            TestBroker broker = TestBroker.get();
            String virtualHost = broker.newVirtualHost("system-tests");
            List<BrokerUser> users = new ArrayList<>();
            LocalStack stack = null;
            try {
                stack = new LocalStack(
                        virtualHost, broker.host(), broker.amqpPort(), broker.username(), broker.password());
                for (String app : APP_USERS) {
                    BrokerUser user = broker.newUser(virtualHost, app);
                    users.add(user);
                    stack.appUser(app, user);
                }
                Started started = new Started(broker, virtualHost, users, stack);
                stack.up();
                return started;
            } catch (Exception ex) {
                // the apps that did start (not all healthy in time) do not outlive the failed start
                if (stack != null) {
                    try {
                        stack.down();
                    } catch (Exception downFailure) {
                        ex.addSuppressed(downFailure);
                    }
                }
                broker.deleteVirtualHost(virtualHost);
                users.forEach(broker::deleteUser);
                throw new IllegalStateException("The stack did not start: see system-tests/target/stack", ex);
            }
        }

        @Override
        public void close() throws Exception {
            try {
                this.stack.down();
            } finally {
                this.broker.deleteVirtualHost(this.virtualHost);
                this.users.forEach(this.broker::deleteUser);
            }
        }
    }
}
