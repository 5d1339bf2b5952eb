package com.example.hub.messaging;

import com.example.hub.messaging.envelope.PayloadMapper;
import com.example.hub.messaging.failure.AttemptCounter;
import com.example.hub.messaging.failure.DeadLetterRecoverer;
import com.example.hub.messaging.failure.DelayedRetries;
import com.example.hub.messaging.failure.FailureClassifier;
import com.example.hub.messaging.failure.FailureReplier;
import com.example.hub.messaging.limits.MessageLimits;
import com.example.hub.messaging.limits.SizeLimitedJsonMessageConverter;
import com.example.hub.messaging.metrics.HubMetrics;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.schema.MessageSchemas;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.messaging.topology.HubTopologyDeclarables;
import com.example.hub.messaging.topology.HubTopologyProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.RabbitListenerRetrySettingsCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.validation.Validator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub's messaging for every application: its topology, JSON conversion, confirmed publishing, and retries that end
 * in the dead-letter queue with the reason. Customises Boot's RabbitMQ beans rather than replacing them.
 */
@AutoConfiguration(before = RabbitAutoConfiguration.class, after = JacksonAutoConfiguration.class)
@ConditionalOnClass(RabbitTemplate.class)
@EnableConfigurationProperties({HubMessagingProperties.class, MessageLimits.class})
public final class HubMessagingAutoConfiguration {

    /**
     * JSON that any language can read and write: no Java type headers needed, unknown fields ignored; a received
     * message larger than {@code hub.messaging.max-message-size} or {@code max-headers-size} is not read (a permanent
     * failure).
     *
     * @param jsonMapper Boot's JSON mapper, if there is one
     * @param limits the largest message a listener accepts
     * @param schemas the message schemas a received envelope or product event is checked against, if they are on
     * @return the converter Boot's listener containers and templates use
     */
    @Bean
    @ConditionalOnMissingBean(MessageConverter.class)
    JacksonJsonMessageConverter hubMessageConverter(
            ObjectProvider<JsonMapper> jsonMapper, MessageLimits limits, ObjectProvider<MessageSchemas> schemas) {
        SizeLimitedJsonMessageConverter converter =
                new SizeLimitedJsonMessageConverter(hubJsonMapper(jsonMapper), limits);
        converter.setSchemas(schemas.getIfAvailable());
        return converter;
    }

    @Bean
    @ConditionalOnMissingBean
    PayloadMapper hubPayloadMapper(ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<Validator> validator) {
        return new PayloadMapper(hubJsonMapper(jsonMapper), validator.getIfAvailable());
    }

    /**
     * Every message the hub publishes is mandatory: one that no queue is bound for comes back as a failed publish
     * instead of vanishing. Set on the template itself, so that no property can turn it off.
     *
     * @return the customizer of Boot's template
     */
    @Bean
    RabbitTemplateCustomizer hubRabbitTemplateCustomizer() {
        return template -> template.setMandatory(true);
    }

    /**
     * The hub's own meters, in the application's meter registry when it has one.
     *
     * @param registry the application's meter registry, if any
     * @return the meters
     */
    @Bean
    @ConditionalOnMissingBean
    HubMetrics hubMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meterRegistry = registry.getIfUnique();
        return meterRegistry != null ? new HubMetrics(meterRegistry) : HubMetrics.NONE;
    }

    @Bean
    @ConditionalOnMissingBean
    MessagePublisher hubMessagePublisher(
            RabbitTemplate rabbitTemplate,
            HubMessagingProperties properties,
            Environment environment,
            HubMetrics metrics,
            ObjectProvider<MessageSchemas> schemas) {
        if (!rabbitTemplate.getConnectionFactory().isPublisherConfirms()) {
            throw new IllegalStateException(
                    "The hub publishes with confirms: set spring.rabbitmq.publisher-confirm-type"
                            + "=correlated (the hub's default) instead of "
                            + environment.getProperty("spring.rabbitmq.publisher-confirm-type"));
        }
        MessagePublisher publisher =
                new MessagePublisher(rabbitTemplate, properties.confirmTimeout(), serviceName(properties, environment));
        publisher.setMetrics(metrics);
        publisher.setSchemas(schemas.getIfAvailable(), properties.system());
        return publisher;
    }

    /**
     * Failures that no retry can fix (unparseable JSON, invalid fields, unknown message types) are not retried, nor
     * are fatal errors of the virtual machine.
     *
     * @return the customizer of Boot's listener retry policy
     */
    @Bean
    RabbitListenerRetrySettingsCustomizer hubRetrySettingsCustomizer() {
        return settings -> settings.setExceptionPredicate(failure -> {
            AttemptCounter.count(failure);
            return FailureClassifier.isRetryable(failure);
        });
    }

    /**
     * Once retries are spent, or at once for a permanent failure, the message goes to its dead-letter queue with the
     * reason. Boot's listener retry picks this bean up.
     *
     * @return the recoverer
     */
    @Bean
    @ConditionalOnMissingBean(MessageRecoverer.class)
    DeadLetterRecoverer hubDeadLetterRecoverer(
            RabbitTemplate rabbitTemplate,
            RabbitProperties rabbitProperties,
            HubMessagingProperties properties,
            Environment environment,
            MessagePublisher publisher,
            PayloadMapper payloadMapper,
            ObjectProvider<JsonMapper> jsonMapper,
            HubMetrics metrics) {
        String serviceName = serviceName(properties, environment);
        FailureReplier failureReplier =
                (properties.system() == null || properties.system().isBlank())
                        ? null
                        : new FailureReplier(
                                publisher, hubJsonMapper(jsonMapper), payloadMapper, properties.system(), serviceName);
        RabbitProperties.ListenerRetry retry =
                rabbitProperties.getListener().getSimple().getRetry();
        int attemptsWhenRetried = retry.isEnabled() ? Math.toIntExact(retry.getMaxRetries() + 1) : 1;
        HubMessagingProperties.Retry delayed = properties.retry();
        DelayedRetries delayedRetries = delayed.enabled()
                ? new DelayedRetries(
                        rabbitTemplate,
                        delayed.delays(),
                        delayed.giveUpAfter(),
                        properties.confirmTimeout(),
                        serviceName,
                        Clock.systemUTC())
                : null;
        DeadLetterRecoverer recoverer = new DeadLetterRecoverer(
                rabbitTemplate,
                serviceName,
                failure -> FailureClassifier.isPermanent(failure) ? 1 : attemptsWhenRetried,
                failureReplier,
                delayedRetries);
        recoverer.setConfirmTimeout(properties.confirmTimeout().toMillis());
        recoverer.setMetrics(metrics);
        return recoverer;
    }

    /**
     * {@code @Valid} on a listener's {@code @Payload} validates with Boot's validator.
     *
     * @param validator Boot's validator
     * @return the configurer of the listener endpoints
     */
    @Bean
    RabbitListenerConfigurer hubRabbitListenerValidation(ObjectProvider<Validator> validator) {
        return registrar -> validator.ifAvailable(registrar::setValidator);
    }

    /**
     * The hub's topology: what this application declares of it ({@link HubTopologyProperties}).
     */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HubTopologyProperties.class)
    static final class TopologyConfiguration {

        /**
         * The enterprise hub's shared topology, unless an administrator declares it ({@link
         * HubTopologyProperties#declareShared()}).
         *
         * @param topology who declares the topology
         * @return the declarables, none when the shared topology is not this application's to declare
         */
        @Bean
        @ConditionalOnBooleanProperty(name = "hub.messaging.declare-hub-topology", matchIfMissing = true)
        Declarables hubTopology(HubTopologyProperties topology) {
            return topology.declareShared() ? HubTopologyDeclarables.hub() : new Declarables();
        }

        /**
         * Odoo's shared event topology, unless an administrator declares it ({@link
         * HubTopologyProperties#declareShared()}).
         *
         * @param topology who declares the topology
         * @return the declarables, none when the shared topology is not this application's to declare
         */
        @Bean
        @ConditionalOnBooleanProperty(name = "hub.messaging.declare-odoo-topology")
        Declarables odooEventsTopology(HubTopologyProperties topology) {
            return topology.declareShared() ? HubTopologyDeclarables.odooEvents() : new Declarables();
        }

        /**
         * The retry queues for the delays of this application's retry schedule: of every queue of the topologies it
         * selects ({@code declare-hub-topology}, {@code declare-odoo-topology}) when it declares the shared topology,
         * else only of the queues its listeners consume, which are all its user may configure.
         *
         * @param properties the hub's messaging settings
         * @param topology who declares the topology
         * @param registry the application's listener containers
         * @return the retry queues, none when delayed retries are off
         */
        @Bean
        Declarables hubRetryQueues(
                HubMessagingProperties properties,
                HubTopologyProperties topology,
                ObjectProvider<RabbitListenerEndpointRegistry> registry) {
            if (!properties.retry().enabled()) {
                return new Declarables();
            }
            if (!topology.declareShared()) {
                return HubTopologyDeclarables.retryQueuesOfConsumedQueues(
                        registry::getIfAvailable, properties.retry().delays());
            }
            List<String> queues = new ArrayList<>();
            if (properties.declareHubTopology()) {
                HubTopology.WORK_QUEUES.forEach(queue -> queues.add(queue.name()));
            }
            if (properties.declareOdooTopology()) {
                queues.add(HubTopology.ODOO_EVENTS_QUEUE);
            }
            return HubTopologyDeclarables.retryQueues(queues, properties.retry().delays());
        }
    }

    private static JsonMapper hubJsonMapper(ObjectProvider<JsonMapper> jsonMapper) {
        JsonMapper base = jsonMapper.getIfAvailable(JsonMapper::new);
        return base.rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    private static String serviceName(HubMessagingProperties properties, Environment environment) {
        if (properties.serviceName() != null && !properties.serviceName().isBlank()) {
            return properties.serviceName();
        }
        return environment.getProperty("spring.application.name", "unknown-service");
    }
}
