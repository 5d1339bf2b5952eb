package com.example.hub.messaging.failure;

import java.util.Set;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;

/**
 * The headers a dead-lettered message carries to say why it failed. The broker's own {@code x-death} header is left
 * to the broker (RabbitMQ 4 owns it).
 */
public final class DeadLetterHeaders {

    /** The listener's exception message, with its root cause. */
    public static final String EXCEPTION_MESSAGE = RepublishMessageRecoverer.X_EXCEPTION_MESSAGE;

    /** A (truncated) stack trace of the failure. */
    public static final String EXCEPTION_STACKTRACE = RepublishMessageRecoverer.X_EXCEPTION_STACKTRACE;

    /** The class of the listener's exception. */
    public static final String EXCEPTION_CLASS = "x-exception-class";

    /** The exchange the message was originally published to. */
    public static final String ORIGINAL_EXCHANGE = RepublishMessageRecoverer.X_ORIGINAL_EXCHANGE;

    /** The routing key the message was originally published with. */
    public static final String ORIGINAL_ROUTING_KEY = RepublishMessageRecoverer.X_ORIGINAL_ROUTING_KEY;

    /** The queue the message was consumed from. */
    public static final String ORIGINAL_QUEUE = "x-original-queue";

    /** How often the message was tried, over all its deliveries. */
    public static final String ATTEMPTS = "x-attempts";

    /** How often the message waited in a retry queue (on a message that is being retried with delays). */
    public static final String RETRIES = "x-retries";

    /** When the message first failed (ISO-8601, UTC; on a message that is being retried with delays). */
    public static final String FIRST_FAILED_AT = "x-first-failed-at";

    /** {@code permanent} (not retried) or {@code retries-exhausted}. */
    public static final String FAILURE_KIND = "x-failure-kind";

    /** When the message was dead-lettered (ISO-8601, UTC). */
    public static final String FAILED_AT = "x-failed-at";

    /** The service whose listener failed. */
    public static final String FAILED_SERVICE = "x-failed-service";

    public static final String PERMANENT = "permanent";

    public static final String RETRIES_EXHAUSTED = "retries-exhausted";

    /**
     * The headers the broker and Spring AMQP put on a delivery, which a copy of the message published again does not
     * carry: the broker's record of its dead-lettering ({@code x-death}, {@code x-first-death-*}, {@code
     * x-last-death-*}) and Spring's correlation of returned messages.
     */
    public static final Set<String> DELIVERY_HEADERS = Set.of(
            "x-death",
            "x-first-death-exchange",
            "x-first-death-queue",
            "x-first-death-reason",
            "x-last-death-exchange",
            "x-last-death-queue",
            "x-last-death-reason",
            "spring_listener_return_correlation",
            "spring_returned_message_correlation");

    private DeadLetterHeaders() {}
}
