/**
 * The JSON Schemas of the hub's messages ({@code hub/schemas} in this module's resources, draft 2020-12), the single
 * source of what a message must look like, and their checks at the edges: a message is checked before it is published
 * and when it is received.
 */
@NullMarked
package com.example.hub.messaging.schema;

import org.jspecify.annotations.NullMarked;
