package com.example.hub.messaging.inbox;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer's {@link Inbox}, in the application's database, when {@code hub.messaging.inbox.enabled} is set (the
 * application's migrations then create {@code hub_inbox}).
 */
@AutoConfiguration(
        after = JacksonAutoConfiguration.class,
        afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration")
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBooleanProperty("hub.messaging.inbox.enabled")
public final class HubInboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JdbcClient.class)
    Inbox hubInbox(JdbcClient jdbc, ObjectProvider<JsonMapper> jsonMapper) {
        return new Inbox(jdbc, jsonMapper.getIfAvailable(JsonMapper::new));
    }
}
