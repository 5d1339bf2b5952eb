/** Publishing with the broker's confirmation: a message is sent only once the broker has taken it. */
@NullMarked
package com.example.hub.messaging.publish;

import org.jspecify.annotations.NullMarked;
