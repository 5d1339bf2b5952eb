/** The hub's message envelope, its routing keys, and the payloads and notices every application reads and writes. */
@NullMarked
package com.example.hub.messaging.envelope;

import org.jspecify.annotations.NullMarked;
