package com.example.hub.messaging.health;

import com.example.hub.messaging.HubMessagingAutoConfiguration;
import com.example.hub.messaging.HubMessagingProperties;
import com.example.hub.messaging.topology.HubTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Contributes the {@code hubMessaging} health indicator, part of the readiness group by the hub's defaults. */
@AutoConfiguration(
        after = {RabbitAutoConfiguration.class, HubMessagingAutoConfiguration.class},
        afterName = "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration")
@ConditionalOnClass({AbstractHealthIndicator.class, RabbitTemplate.class})
public final class HubMessagingHealthAutoConfiguration {

    /** H2 URLs of a database in memory or behind an H2 server, which any number of instances may share. */
    private static final Pattern EMBEDDED_ELSEWHERE = Pattern.compile("jdbc:h2:(mem|tcp|ssl|zip):");

    /**
     * Stops the listeners while a downstream system named in {@code hub.messaging.pause-while-down} is down.
     *
     * @return the circuit breaker; it does nothing when no downstream system is named
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({HealthContributorRegistry.class, RabbitListenerEndpointRegistry.class})
    DownstreamPause hubDownstreamPause(
            HealthContributorRegistry contributors,
            ListableBeanFactory beanFactory,
            HubMessagingProperties properties) {
        return new DownstreamPause(
                contributors,
                () -> beanFactory.getBean(RabbitListenerEndpointRegistry.class),
                properties.pauseWhileDown(),
                properties.pauseCheckInterval(),
                properties.pauseAfter());
    }

    /**
     * Keeps a second instance from consuming while this application's data lives in an embedded H2 file, which only
     * one instance can use ({@code hub.messaging.single-instance} overrides the guess from the data source's URL).
     *
     * @return the guard, or nothing when several instances may consume
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(RabbitListenerEndpointRegistry.class)
    @Nullable
    SingleInstanceGuard hubSingleInstanceGuard(
            AmqpAdmin amqpAdmin,
            ListableBeanFactory beanFactory,
            HubMessagingProperties properties,
            Environment environment) {
        String url = environment.getProperty("spring.datasource.url", "");
        boolean embeddedFile = isEmbeddedH2File(url);
        boolean singleInstance = properties.singleInstance() != null ? properties.singleInstance() : embeddedFile;
        if (!singleInstance) {
            return null;
        }
        String store = embeddedFile ? "the embedded database " + url.split(";", 2)[0] : "its own store";
        return new SingleInstanceGuard(
                amqpAdmin, () -> beanFactory.getBean(RabbitListenerEndpointRegistry.class), store);
    }

    /**
     * Whether a JDBC URL names an H2 database in a file of this process ({@code jdbc:h2:file:}, {@code jdbc:h2:async:}
     * or a bare path) rather than in memory or behind an H2 server.
     *
     * @param url the data source's URL
     * @return whether only this process can use it
     */
    static boolean isEmbeddedH2File(String url) {
        return url.startsWith("jdbc:h2:") && !EMBEDDED_ELSEWHERE.matcher(url).lookingAt();
    }

    /**
     * The {@code hubMessaging} health indicator; {@code management.health.hubmessaging.enabled=false} turns it off.
     *
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "hubMessagingHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("hubmessaging")
    @ConditionalOnBean(AmqpAdmin.class)
    HubMessagingHealthIndicator hubMessagingHealthIndicator(
            AmqpAdmin amqpAdmin,
            ObjectProvider<RabbitListenerEndpointRegistry> registry,
            ObjectProvider<DownstreamPause> pause,
            ObjectProvider<SingleInstanceGuard> guard,
            HubMessagingProperties properties) {
        List<String> deadLetterQueues = new ArrayList<>();
        if (properties.declareHubTopology()) {
            HubTopology.WORK_QUEUES.forEach(queue -> deadLetterQueues.add(queue.deadLetterQueue()));
        }
        if (properties.declareOdooTopology()) {
            deadLetterQueues.add(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE);
        }
        return new HubMessagingHealthIndicator(amqpAdmin, registry, pause, guard, deadLetterQueues);
    }
}
