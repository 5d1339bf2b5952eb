package com.example.hub.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the hub's messaging, under {@code hub.messaging}.
 *
 * @param system the hub system this application speaks for, such as {@code dms}: the source of its responses; when
 *     set, the requester of a request that this application dead-letters gets an {@code error} response
 * @param serviceName the name this service records on the messages it publishes and dead-letters; defaults to {@code
 *     spring.application.name}
 * @param confirmTimeout how long a publish waits for the broker's confirmation before it fails
 * @param declareHubTopology whether this application declares the enterprise hub's exchanges and queues
 * @param declareOdooTopology whether this application declares the Odoo event exchange and queues
 */
@ConfigurationProperties("hub.messaging")
public record HubMessagingProperties(
        String system,
        String serviceName,
        @DefaultValue("5s") Duration confirmTimeout,
        @DefaultValue("true") boolean declareHubTopology,
        @DefaultValue("false") boolean declareOdooTopology) {}
