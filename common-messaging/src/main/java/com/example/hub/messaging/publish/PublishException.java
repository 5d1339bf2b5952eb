package com.example.hub.messaging.publish;

import org.springframework.amqp.AmqpException;

/**
 * A message was not safely handed to the broker: it was refused (nack), returned as unroutable, not confirmed in
 * time, or could not be sent at all. The caller must treat the message as not sent.
 */
public class PublishException extends AmqpException {

    private final Reason reason;

    public PublishException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PublishException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * Why the publish failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return this.reason;
    }

    /** Why a publish failed. */
    public enum Reason {
        /** The broker could not be reached or the channel failed. */
        UNREACHABLE,
        /** The broker answered with a negative acknowledgement. */
        NACKED,
        /** No queue was bound for the routing key: the broker returned the message. */
        UNROUTABLE,
        /** No confirmation arrived within the confirm timeout. */
        TIMEOUT
    }
}
