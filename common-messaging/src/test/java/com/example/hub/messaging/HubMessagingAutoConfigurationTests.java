package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.example.hub.messaging.failure.DeadLetterRecoverer;
import com.example.hub.messaging.health.HubMessagingHealthAutoConfiguration;
import com.example.hub.messaging.health.HubMessagingHealthIndicator;
import com.example.hub.messaging.health.SingleInstanceGuard;
import com.example.hub.messaging.publish.MessagePublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's auto-configuration customises Boot's RabbitMQ beans, and backs off wherever an application defines its
 * own: converter, recoverer, publisher, topology, health indicator. No broker is needed: nothing here connects.
 */
class HubMessagingAutoConfigurationTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class,
                    RabbitAutoConfiguration.class,
                    HubMessagingAutoConfiguration.class,
                    HubMessagingHealthAutoConfiguration.class))
            .withPropertyValues("spring.rabbitmq.publisher-confirm-type=correlated", "spring.application.name=tests");

    @Test
    void customisesBootsBeansForTheHub() {
        this.contexts.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MessageConverter.class)).isInstanceOf(JacksonJsonMessageConverter.class);
            assertThat(context.getBean(MessageRecoverer.class)).isInstanceOf(DeadLetterRecoverer.class);
            assertThat(context).hasSingleBean(MessagePublisher.class);
            assertThat(context).hasSingleBean(HubMessagingHealthIndicator.class);
            assertThat(context).hasBean("hubTopology").doesNotHaveBean("odooEventsTopology");
            RabbitTemplate template = context.getBean(RabbitTemplate.class);
            assertThat(template.getMessageConverter()).isSameAs(context.getBean(MessageConverter.class));
            assertThat(template.isMandatoryFor(new org.springframework.amqp.core.Message(new byte[0])))
                    .isTrue();
        });
    }

    @Test
    void backsOffWhereTheApplicationDefinesItsOwnBeans() {
        this.contexts.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MessageConverter.class)).isSameAs(OwnBeans.CONVERTER);
            assertThat(context.getBean(MessageRecoverer.class)).isSameAs(OwnBeans.RECOVERER);
            assertThat(context.getBean(MessagePublisher.class)).isSameAs(OwnBeans.PUBLISHER);
            assertThat(context).doesNotHaveBean(DeadLetterRecoverer.class);
        });
    }

    @Test
    void declaresOnlyTheTopologiesItIsAskedTo() {
        this.contexts
                .withPropertyValues(
                        "hub.messaging.declare-hub-topology=false", "hub.messaging.declare-odoo-topology=true")
                .run(context -> {
                    assertThat(context).doesNotHaveBean("hubTopology").hasBean("odooEventsTopology");
                    // a retry queue and its binding to the queue's retry exchange for each delay
                    assertThat(context.getBean("hubRetryQueues", Declarables.class)
                                    .getDeclarablesByType(Queue.class))
                            .hasSize(context.getBean(HubMessagingProperties.class)
                                    .retry()
                                    .delays()
                                    .size());
                });
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOff() {
        this.contexts
                .withPropertyValues("management.health.hubmessaging.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(HubMessagingHealthIndicator.class));
    }

    @ParameterizedTest
    @CsvSource({
        "jdbc:h2:file:./data/dms;WRITE_DELAY=0, true",
        "jdbc:h2:async:./data/crm;WRITE_DELAY=0, true",
        "jdbc:h2:./data/onec, true",
        "jdbc:h2:mem:tests, false",
        "jdbc:h2:tcp://db:9092/hub, false",
        "jdbc:postgresql://db:5432/hub, false"
    })
    void guardsASecondInstanceByDefaultOnlyWhenTheDatabaseIsAnEmbeddedFile(String url, boolean guarded) {
        this.contexts.withPropertyValues("spring.datasource.url=" + url).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(SingleInstanceGuard.class)).hasSize(guarded ? 1 : 0);
        });
    }

    @Test
    void needsSpringAmqp() {
        this.contexts
                .withClassLoader(new FilteredClassLoader(RabbitTemplate.class))
                .run(context -> assertThat(context).doesNotHaveBean(MessagePublisher.class));
    }

    @Test
    void refusesToPublishWithoutConfirms() {
        this.contexts
                .withPropertyValues("spring.rabbitmq.publisher-confirm-type=none")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("publisher-confirm-type=correlated"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {

        static final MessageConverter CONVERTER = new SimpleMessageConverter();

        static final MessageRecoverer RECOVERER = (message, cause) -> {};

        static final MessagePublisher PUBLISHER = mock(MessagePublisher.class);

        @Bean
        MessageConverter ownConverter() {
            return CONVERTER;
        }

        @Bean
        MessageRecoverer ownRecoverer() {
            return RECOVERER;
        }

        @Bean
        MessagePublisher ownPublisher() {
            return PUBLISHER;
        }
    }
}
