/** What happens to a message whose processing failed: classified, retried after delays, then dead-lettered with its reason and answered with an error. */
@NullMarked
package com.example.hub.messaging.failure;

import org.jspecify.annotations.NullMarked;
