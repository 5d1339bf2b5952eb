package com.example.hub.console.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The ledger's listener container, whatever the hub's listener defaults say (retries that end in a dead-letter queue,
 * rejected messages not requeued): acknowledged when the listener returned, no retries, and a failed dead letter
 * requeued, never dropped; unlike Boot's factory for the work queues. Made without connecting to a broker: the
 * containers are only created, not started.
 */
class LedgerConfigurationTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class))
            .withUserConfiguration(LedgerConfiguration.class)
            .withPropertyValues(
                    "spring.rabbitmq.listener.simple.retry.enabled=true",
                    "spring.rabbitmq.listener.simple.default-requeue-rejected=false");

    @Test
    void theLedgersContainerAcknowledgesAfterTheListenerAndRequeuesAFailure() {
        this.contexts.run(context -> {
            SimpleRabbitListenerContainerFactory factory =
                    context.getBean(LedgerConfiguration.CONTAINER_FACTORY, SimpleRabbitListenerContainerFactory.class);
            SimpleMessageListenerContainer container = factory.createListenerContainer();
            // Boot's own factory, for the hub's work queues, as the defaults have it
            SimpleMessageListenerContainer workQueues = context.getBean(
                            "rabbitListenerContainerFactory", SimpleRabbitListenerContainerFactory.class)
                    .createListenerContainer();
            assertThat((Object[]) ReflectionTestUtils.getField(workQueues, "adviceChain"))
                    .isNotEmpty();
            assertThat(ReflectionTestUtils.getField(workQueues, "defaultRequeueRejected"))
                    .isEqualTo(false);

            assertThat(container.getAcknowledgeMode()).isEqualTo(AcknowledgeMode.AUTO);
            assertThat(ReflectionTestUtils.getField(container, "defaultRequeueRejected"))
                    .isEqualTo(true);
            assertThat((Object[]) ReflectionTestUtils.getField(container, "adviceChain"))
                    .isNullOrEmpty();
        });
    }
}
