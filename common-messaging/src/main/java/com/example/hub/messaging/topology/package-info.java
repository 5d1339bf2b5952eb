/** The names of the hub's exchanges, queues and routing keys, defined once, and their declarations. */
@NullMarked
package com.example.hub.messaging.topology;

import org.jspecify.annotations.NullMarked;
