/**
 * Limits on what the hub reads: JSON (nesting depth, number, string and name lengths) on HTTP and AMQP alike, and the
 * size of a message a listener accepts.
 */
@NullMarked
package com.example.hub.messaging.limits;

import org.jspecify.annotations.NullMarked;
