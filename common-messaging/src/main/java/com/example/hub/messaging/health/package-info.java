/** The hub's messaging in the health of an application, the circuit breaker on downstream systems, and the guard against a second instance on a store only one may use. */
@NullMarked
package com.example.hub.messaging.health;

import org.jspecify.annotations.NullMarked;
