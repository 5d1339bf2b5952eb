package com.example.hub.messaging.failure;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;

/**
 * A message that can never be processed, however often it is tried: a missing or invalid field, an unknown message
 * type, a business rule that rejects it. It goes to its dead-letter queue at once, without retries.
 */
public class PermanentMessageException extends AmqpRejectAndDontRequeueException {

    public PermanentMessageException(String message) {
        super(message);
    }

    public PermanentMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
