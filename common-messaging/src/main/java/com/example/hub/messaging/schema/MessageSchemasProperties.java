package com.example.hub.messaging.schema;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the hub's message schemas, under {@code hub.messaging.schemas}.
 *
 * @param enabled whether received envelopes and product events are checked against their schemas, and the messages
 *     this application publishes
 * @param supportedVersions the major versions of the envelope's schemas ({@code schema_version}) this application's
 *     consumers read; an envelope of another version is dead-lettered at once. Empty (the default) means version 1 and
 *     the current one, {@link com.example.hub.messaging.envelope.MessageEnvelope#CURRENT_SCHEMA_VERSION}
 */
@ConfigurationProperties("hub.messaging.schemas")
public record MessageSchemasProperties(
        @DefaultValue("true") boolean enabled, @DefaultValue List<Integer> supportedVersions) {}
