package com.example.hub.messaging.inbox;

import com.example.hub.messaging.HubMessagingProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer's {@link Inbox}, in the application's database, when {@code hub.messaging.inbox.enabled} is set (the
 * application's migrations then create {@code hub_inbox}), and the removal of its old messages ({@link
 * InboxRetention}), which keeps them longer than the delayed retries can redeliver one.
 */
@AutoConfiguration(
        after = JacksonAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration")
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBooleanProperty("hub.messaging.inbox.enabled")
@EnableConfigurationProperties(InboxProperties.class)
public final class HubInboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JdbcClient.class)
    Inbox hubInbox(JdbcClient jdbc, ObjectProvider<JsonMapper> jsonMapper) {
        return new Inbox(jdbc, jsonMapper.getIfAvailable(JsonMapper::new));
    }

    @Bean
    @ConditionalOnBean(Inbox.class)
    InboxRetention hubInboxRetention(
            Inbox inbox, InboxProperties properties, ObjectProvider<HubMessagingProperties> messaging) {
        HubMessagingProperties hub = messaging.getIfAvailable();
        if (hub != null
                && !properties.retention().isZero()
                && properties.retention().compareTo(hub.retry().giveUpAfter()) <= 0) {
            throw new IllegalArgumentException("hub.messaging.inbox.retention (" + properties.retention()
                    + ") must be longer than hub.messaging.retry.give-up-after ("
                    + hub.retry().giveUpAfter()
                    + "): a message redelivered by the delayed retries must still be in the inbox");
        }
        return new InboxRetention(inbox, properties);
    }
}
