package com.example.hub.messaging.limits;

import org.springframework.amqp.support.converter.MessageConversionException;

/**
 * A message whose body or headers are larger than {@link MessageLimits} allows: it is not read, and as a failed
 * conversion it is permanent.
 */
public class MessageTooLargeException extends MessageConversionException {

    MessageTooLargeException(String message) {
        super(message);
    }
}
