package com.example.hub.console.deadletter;

import java.time.Clock;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.ConditionalRejectingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ledger's listener container: unlike the hub's work queues', it has no retries that end in a dead-letter queue
 * (a dead letter has nowhere further to go), acknowledges a message when the listener returned, and requeues one
 * whose listener failed rather than dropping it; no failure is taken for fatal, since a dead letter the console cannot
 * read is still stored as it is.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    static final String CONTAINER_FACTORY = "ledgerContainerFactory";

    @Bean(CONTAINER_FACTORY)
    SimpleRabbitListenerContainerFactory ledgerContainerFactory(ConnectionFactory connectionFactory) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        factory.setConnectionFactory(connectionFactory);
        factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
        factory.setDefaultRequeueRejected(true);
        factory.setErrorHandler(new ConditionalRejectingErrorHandler(failure -> false));
        factory.setConcurrentConsumers(1);
        factory.setPrefetchCount(10);
        factory.setObservationEnabled(true);
        return factory;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
