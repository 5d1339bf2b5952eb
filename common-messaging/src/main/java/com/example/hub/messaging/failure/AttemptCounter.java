package com.example.hub.messaging.failure;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;

/**
 * Counts the failed attempts of a delivery in a header of the received message ({@value #HEADER}): the listener retry
 * asks the hub once per failed attempt whether to try again, and the hub counts then. The recoverer reads the count for
 * {@code x-attempts} and removes the header before the message goes anywhere.
 */
public final class AttemptCounter {

    /** The header that counts the failed attempts of the current delivery; never published. */
    public static final String HEADER = "x-hub-failed-attempts";

    private AttemptCounter() {}

    /**
     * Counts a failed attempt of the message it names.
     *
     * @param failure the failure of a listener, as the container reports it
     */
    public static void count(Throwable failure) {
        if (failure instanceof ListenerExecutionFailedException listenerFailure) {
            Message message = listenerFailure.getFailedMessage();
            if (message != null) {
                message.getMessageProperties().getHeaders().merge(HEADER, 1, (count, one) -> (Integer) count + 1);
            }
        }
    }

    /**
     * The failed attempts counted in a delivery; removes the count from the message.
     *
     * @param message the received message
     * @return how often the listener failed, or {@code null} when nothing was counted
     */
    public static @Nullable Integer take(Message message) {
        return message.getMessageProperties().getHeaders().remove(HEADER) instanceof Integer count ? count : null;
    }
}
