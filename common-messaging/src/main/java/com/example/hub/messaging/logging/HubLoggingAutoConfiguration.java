package com.example.hub.messaging.logging;

import io.micrometer.observation.ObservationHandler;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageReceiverContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The ids of the message a listener handles in its log lines ({@link ListenerLogContext});
 * {@code hub.logging.listener-context=false} turns it off.
 */
@AutoConfiguration
@ConditionalOnClass({ObservationHandler.class, RabbitMessageReceiverContext.class, MDC.class})
public final class HubLoggingAutoConfiguration {

    /**
     * The listeners' logging context, registered with the application's observation registry by Boot.
     *
     * @return the observation handler
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "hub.logging.listener-context", matchIfMissing = true)
    ListenerLogContext hubListenerLogContext() {
        return new ListenerLogContext();
    }
}
