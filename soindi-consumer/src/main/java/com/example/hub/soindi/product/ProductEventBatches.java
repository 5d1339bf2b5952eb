package com.example.hub.soindi.product;

import com.example.hub.soindi.SoindiProperties;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * How SOINDI takes its events: in batches of up to {@code soindi.batch-size}, which {@link ProductEventListener}
 * applies in one transaction and the container acknowledges together, on platform threads. Boot's listener settings apply as to any
 * listener (prefetch, concurrency, acknowledgement), but the retries of {@code spring.rabbitmq.listener.simple.retry}
 * are made per event by the listener, so that one failing event is retried and dead-lettered alone, not with its
 * batch.
 */
@Configuration(proxyBeanMethods = false)
class ProductEventBatches {

    static final String CONTAINER_FACTORY = "productEventBatchContainerFactory";

    @Bean(CONTAINER_FACTORY)
    SimpleRabbitListenerContainerFactory productEventBatchContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer,
            ConnectionFactory connectionFactory,
            SoindiProperties properties) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        factory.setBatchListener(true);
        factory.setConsumerBatchEnabled(true);
        factory.setBatchSize(properties.batchSize());
        factory.setBatchReceiveTimeout(properties.batchTimeout().toMillis());
        factory.setAdviceChain();
        // Platform threads, not virtual ones: H2 waits for a row lock by spinning while the transaction that holds it
        // is younger than the waiting statement, and two spinning virtual threads occupy both carriers of a 2-core
        // machine, so that the holder never runs again (seen: a shared H2 livelocked for minutes)
        factory.setTaskExecutor(new SimpleAsyncTaskExecutor("soindi-events-"));
        return factory;
    }

    /**
     * The pauses between the attempts at an event that failed, from Boot's listener retry settings: none when
     * retries are disabled.
     */
    @Bean
    ProductEventRetries productEventRetries(RabbitProperties rabbitProperties) {
        RabbitProperties.ListenerRetry retry =
                rabbitProperties.getListener().getSimple().getRetry();
        if (!retry.isEnabled() || retry.getMaxRetries() == 0) {
            return new ProductEventRetries(new FixedBackOff(0, 0));
        }
        ExponentialBackOff backOff =
                new ExponentialBackOff(retry.getInitialInterval().toMillis(), retry.getMultiplier());
        backOff.setMaxInterval(retry.getMaxInterval().toMillis());
        backOff.setMaxAttempts(retry.getMaxRetries());
        return new ProductEventRetries(backOff);
    }

    /** The back-off of the retries of one event. */
    record ProductEventRetries(BackOff backOff) {}
}
