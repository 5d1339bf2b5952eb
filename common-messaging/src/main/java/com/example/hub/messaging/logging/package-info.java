/** What the hub's log lines say about the message they are about. */
@NullMarked
package com.example.hub.messaging.logging;

import org.jspecify.annotations.NullMarked;
