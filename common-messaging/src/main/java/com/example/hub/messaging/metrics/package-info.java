/** The hub's own meters: publishing, delayed retries and dead letters. */
@NullMarked
package com.example.hub.messaging.metrics;

import org.jspecify.annotations.NullMarked;
