package com.example.hub.messaging.topology;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who declares the hub's topology, under {@code hub.messaging.topology}.
 *
 * @param declareShared whether this application declares the shared topology ({@link HubTopologyDeclarables#hub()},
 *     {@link HubTopologyDeclarables#odooEvents()}) as {@code hub.messaging.declare-hub-topology} and {@code
 *     declare-odoo-topology} select it. {@code true} (the default) suits one broker user for every application, such
 *     as {@code guest} on a development broker. {@code false} when each application has a user of its own with least
 *     privilege: an administrator declares the shared topology (compose imports {@code
 *     docker/rabbitmq/definitions.json} when the broker starts), and the application declares only the retry queues of
 *     the queues of the selected topologies, for which its user has configure permission. Declaring the shared
 *     topology itself would need configure permission on every queue of it, which also allows deleting them.
 */
@ConfigurationProperties("hub.messaging.topology")
public record HubTopologyProperties(@DefaultValue("true") boolean declareShared) {}
