package com.example.hub.messaging.schema;

import com.example.hub.messaging.HubMessagingAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub's message schemas ({@code hub.messaging.schemas.enabled}, on by default): the hub's message converter checks
 * every envelope and product event it receives against them, and {@code MessagePublisher} every one it sends; a received
 * envelope of a {@code schema_version} outside {@code hub.messaging.schemas.supported-versions} is dead-lettered.
 */
@AutoConfiguration(before = HubMessagingAutoConfiguration.class, after = JacksonAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "hub.messaging.schemas.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MessageSchemasProperties.class)
public final class HubSchemasAutoConfiguration {

    /**
     * The schemas under {@code hub/schemas} on the class path.
     *
     * @param jsonMapper Boot's JSON mapper, if there is one
     * @param properties the schema versions received envelopes may be of
     * @return the schemas
     */
    @Bean
    @ConditionalOnMissingBean
    MessageSchemas hubMessageSchemas(ObjectProvider<JsonMapper> jsonMapper, MessageSchemasProperties properties) {
        return new MessageSchemas(jsonMapper.getIfAvailable(JsonMapper::new), properties.supportedVersions());
    }
}
