package com.example.hub.soindi.product;

import com.example.hub.soindi.SoindiProperties;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitListenerRetrySettingsCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.retry.RetryPolicySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * How SOINDI takes its events: in batches of up to {@code soindi.batch-size}, which {@link ProductEventListener}
 * applies in one transaction and the container acknowledges together, on platform threads. Boot's listener settings
 * apply as to any listener (prefetch, concurrency, acknowledgement), but the retries of
 * {@code spring.rabbitmq.listener.simple.retry} are made per event by the listener, so that one failing event is retried
 * and dead-lettered alone, not with its batch.
 */
@Configuration(proxyBeanMethods = false)
class ProductEventBatchConfiguration {

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
     * The retries of an event that failed, from Boot's listener retry settings and the customizers every listener's
     * retry policy gets (the hub's: a permanent failure is not retried): none when retries are disabled.
     */
    @Bean
    ProductEventRetries productEventRetries(
            RabbitProperties rabbitProperties, ObjectProvider<RabbitListenerRetrySettingsCustomizer> customizers) {
        RabbitProperties.ListenerRetry retry =
                rabbitProperties.getListener().getSimple().getRetry();
        RetryPolicySettings settings = new RetryPolicySettings();
        settings.setMaxRetries(retry.isEnabled() ? retry.getMaxRetries() : 0);
        settings.setDelay(retry.getInitialInterval());
        settings.setMultiplier(retry.getMultiplier());
        settings.setMaxDelay(retry.getMaxInterval());
        customizers.orderedStream().forEach(customizer -> customizer.customize(settings));
        return new ProductEventRetries(new RetryTemplate(settings.createRetryPolicy()));
    }

    /** The retries of one event. */
    record ProductEventRetries(RetryTemplate retryTemplate) {}
}
