/** The hub's messaging as an auto-configuration: its settings, Boot's RabbitMQ defaults changed to what the hub needs, and the beans that customise Boot's. */
@NullMarked
package com.example.hub.messaging;

import org.jspecify.annotations.NullMarked;
