/** The inbox of a consumer: the messages it handled, so that a redelivery does not repeat their effects. */
@NullMarked
package com.example.hub.messaging.inbox;

import org.jspecify.annotations.NullMarked;
