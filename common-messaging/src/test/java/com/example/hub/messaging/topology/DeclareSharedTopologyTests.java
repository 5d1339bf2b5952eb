package com.example.hub.messaging.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.HubMessagingAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code hub.messaging.topology.declare-shared}: by default an application declares the whole shared topology it
 * selects; with {@code false}, none of it, and only the retry queues of the queues it consumes. No broker is needed.
 */
class DeclareSharedTopologyTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class, RabbitAutoConfiguration.class, HubMessagingAutoConfiguration.class))
            .withPropertyValues(
                    "spring.rabbitmq.publisher-confirm-type=correlated",
                    "spring.application.name=tests",
                    "hub.messaging.declare-odoo-topology=true");

    @Test
    void byDefaultTheApplicationDeclaresTheSharedTopologyAndTheRetryQueuesOfItsQueues() {
        this.contexts.run(context -> {
            assertThat(context.getBean("hubTopology", Declarables.class).getDeclarables())
                    .hasSameSizeAs(HubTopologyDeclarables.hub().getDeclarables());
            assertThat(context.getBean("odooEventsTopology", Declarables.class).getDeclarables())
                    .hasSameSizeAs(HubTopologyDeclarables.odooEvents().getDeclarables());
            // three work queues and odoo_events, six default delays each
            assertThat(context.getBean("hubRetryQueues", Declarables.class).getDeclarablesByType(Queue.class))
                    .hasSize(4 * 6);
        });
    }

    @Test
    void withoutTheSharedTopologyAnApplicationWithoutListenersDeclaresNothing() {
        this.contexts
                .withPropertyValues("hub.messaging.topology.declare-shared=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("hubTopology", Declarables.class).getDeclarables())
                            .isEmpty();
                    assertThat(context.getBean("odooEventsTopology", Declarables.class)
                                    .getDeclarables())
                            .isEmpty();
                    assertThat(context.getBean("hubRetryQueues", Declarables.class)
                                    .getDeclarables())
                            .isEmpty();
                    assertThat(context.getBean("hubRetryQueues", Declarables.class)
                                    .getDeclarablesByType(Queue.class))
                            .isEmpty();
                });
    }
}
