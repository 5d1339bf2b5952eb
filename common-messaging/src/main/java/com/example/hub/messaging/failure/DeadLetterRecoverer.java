package com.example.hub.messaging.failure;

import com.example.hub.messaging.envelope.RetryNotice;
import com.example.hub.messaging.metrics.HubMetrics;
import com.example.hub.messaging.topology.HubTopology;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Republishes a message whose listener failed for good to the dead-letter queue of the queue it came from, with the
 * reason in its headers ({@link DeadLetterHeaders}), and waits for the broker's confirmation. Work queues of the hub
 * are reached through their dead-letter exchange, {@code odoo_events} through {@value
 * HubTopology#ODOO_EVENTS_DEAD_LETTER_EXCHANGE} ({@link HubTopology#republishExchangeOf}), never through the default
 * exchange, write access to which would let the application write to any queue. When republishing is not possible, a message of a queue with a broker-side dead-letter exchange is
 * rejected without requeueing, so that the broker dead-letters it; a message of a queue without one is requeued
 * rather than dropped.
 */
public class DeadLetterRecoverer extends RepublishMessageRecovererWithConfirms {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    private final String serviceName;

    private final ToIntFunction<Throwable> attempts;

    private final @Nullable FailureReplier failureReplier;

    private final @Nullable DelayedRetries delayedRetries;

    private HubMetrics metrics = HubMetrics.NONE;

    private Consumer<Throwable> fatalErrorHandler =
            failure -> Runtime.getRuntime().halt(3);

    /**
     * Creates a recoverer.
     *
     * @param rabbitTemplate the template to republish with (correlated publisher confirms)
     * @param serviceName the name of the failing service, recorded in the headers
     * @param attempts how often a message with a given failure was tried in one delivery, where its attempts were not
     *     counted ({@link AttemptCounter})
     * @param failureReplier answers the requester of a dead-lettered request, or {@code null}
     * @param delayedRetries retries a failure that may go away with a delay before it is dead-lettered, or {@code
     *     null} to dead-letter it at once
     */
    public DeadLetterRecoverer(
            RabbitTemplate rabbitTemplate,
            String serviceName,
            ToIntFunction<Throwable> attempts,
            @Nullable FailureReplier failureReplier,
            @Nullable DelayedRetries delayedRetries) {
        super(
                rabbitTemplate,
                PARSER.parseExpression(
                        "T(com.example.hub.messaging.failure.DeadLetterRecoverer).exchangeFor(messageProperties)"),
                PARSER.parseExpression(
                        "T(com.example.hub.messaging.failure.DeadLetterRecoverer).routingKeyFor(messageProperties)"),
                ConfirmType.CORRELATED);
        this.serviceName = serviceName;
        this.attempts = attempts;
        this.failureReplier = failureReplier;
        this.delayedRetries = delayedRetries;
    }

    /**
     * What to do with a fatal error of the virtual machine ({@link FailureClassifier#isFatal}) once it is logged: by
     * default the process halts at once, as {@code -XX:+ExitOnOutOfMemoryError} would have it, leaving the message
     * unacknowledged for the broker to deliver again (to another instance, or after the restart; the work queue's
     * delivery limit dead-letters a message that keeps crashing its consumers).
     *
     * @param fatalErrorHandler what to do instead
     */
    public void setFatalErrorHandler(Consumer<Throwable> fatalErrorHandler) {
        this.fatalErrorHandler = fatalErrorHandler;
    }

    /**
     * Where to count the messages sent to a retry queue or dead-lettered; nowhere by default.
     *
     * @param metrics the hub's meters
     */
    public void setMetrics(HubMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void recover(Message message, @Nullable Throwable cause) {
        Integer counted = AttemptCounter.take(message);
        if (cause != null && FailureClassifier.isFatal(cause)) {
            this.logger.error(
                    "Fatal error while processing a message of "
                            + message.getMessageProperties().getConsumerQueue()
                            + ": ending the process; the broker delivers the message again",
                    cause);
            this.fatalErrorHandler.accept(cause);
            throw new ImmediateRequeueAmqpException("Fatal error: the message goes back to its queue", cause);
        }
        String queue = message.getMessageProperties().getConsumerQueue();
        if (queue == null || HubTopology.deadLetterQueueOf(queue).isEmpty()) {
            throw new AmqpRejectAndDontRequeueException(
                    "No dead-letter queue is known for queue '" + queue + "': rejected for the broker to dead-letter",
                    cause);
        }
        // every attempt of every delivery: those of earlier deliveries, as the hub counted them, and this one's
        int attempts =
                DelayedRetries.earlierAttempts(message) + (counted != null ? counted : this.attempts.applyAsInt(cause));
        message.getMessageProperties().getHeaders().put(DeadLetterHeaders.ATTEMPTS, attempts);
        if (cause != null && scheduledForRetry(message, queue, attempts, cause)) {
            return;
        }
        // a message back from a retry queue is dead-lettered, and its requester answered, by its original route: the
        // republishing records the received exchange and routing key as x-original-exchange and x-original-routingKey
        MessageProperties properties = message.getMessageProperties();
        String originalExchange = OriginalRoute.exchange(properties);
        String originalRoutingKey = OriginalRoute.routingKey(properties);
        properties.setReceivedExchange(originalExchange);
        properties.setReceivedRoutingKey(originalRoutingKey);
        // a replayed dead letter starts a new retry horizon
        properties.getHeaders().remove(DeadLetterHeaders.RETRIES);
        properties.getHeaders().remove(DeadLetterHeaders.FIRST_FAILED_AT);
        try {
            super.recover(message, cause);
        } catch (RuntimeException ex) {
            if (HubTopology.deadLetterExchangeOf(queue).isPresent()) {
                throw new AmqpRejectAndDontRequeueException(
                        "Could not republish to the dead-letter exchange of '" + queue
                                + "': rejected for the broker to dead-letter",
                        ex);
            }
            // The queue has no dead-letter exchange of its own (it must stay declarable without arguments): a
            // rejection would drop the message, so it goes back to its queue until its dead-letter queue is reachable.
            throw new ImmediateRequeueAmqpException(
                    "Could not republish to the dead-letter queue of '" + queue + "': requeued", ex);
        }
        this.metrics.deadLettered(queue, cause != null ? failureKind(cause) : DeadLetterHeaders.PERMANENT);
        if (this.failureReplier != null && cause != null) {
            this.failureReplier.reply(message, FailureClassifier.describe(cause));
        }
    }

    /**
     * Sends a failure that may go away to wait in a retry queue, while the message is within its retry horizon, and
     * tells the requester when it is tried next.
     *
     * @return whether the message now waits for a retry
     */
    private boolean scheduledForRetry(Message message, String queue, int attempts, Throwable cause) {
        if (this.delayedRetries == null || FailureClassifier.isPermanent(cause)) {
            return false;
        }
        Optional<Instant> nextAttempt;
        try {
            nextAttempt = this.delayedRetries.schedule(message, attempts, cause);
        } catch (AmqpException ex) {
            // the broker is not taking messages now: the message goes back to its queue, to be tried again
            throw new ImmediateRequeueAmqpException("Could not send the message to its retry queue: requeued", ex);
        }
        if (nextAttempt.isEmpty()) {
            return false;
        }
        this.metrics.retryScheduled(queue);
        String reason = FailureClassifier.describe(cause);
        this.logger.info("Message " + message.getMessageProperties().getMessageId() + " of " + queue + " failed ("
                + reason + "), attempt " + attempts + "; tried again at " + nextAttempt.get());
        if (this.failureReplier != null) {
            this.failureReplier.retryScheduled(
                    message, new RetryNotice(reason, attempts, nextAttempt.get(), this.serviceName));
        }
        return true;
    }

    @Override
    protected Map<? extends String, ?> additionalHeaders(Message message, @Nullable Throwable cause) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(
                DeadLetterHeaders.ORIGINAL_QUEUE, message.getMessageProperties().getConsumerQueue());
        headers.put(DeadLetterHeaders.FAILED_AT, Instant.now().toString());
        headers.put(DeadLetterHeaders.FAILED_SERVICE, this.serviceName);
        if (cause != null) {
            headers.put(
                    DeadLetterHeaders.EXCEPTION_CLASS,
                    FailureClassifier.unwrap(cause).getClass().getName());
            headers.put(DeadLetterHeaders.EXCEPTION_MESSAGE, FailureClassifier.describe(cause));
            headers.put(DeadLetterHeaders.FAILURE_KIND, failureKind(cause));
        }
        return headers;
    }

    /** The {@link DeadLetterHeaders#FAILURE_KIND} of a failure: not retried, or retried until the retries ran out. */
    private static String failureKind(Throwable cause) {
        return FailureClassifier.isPermanent(cause) ? DeadLetterHeaders.PERMANENT : DeadLetterHeaders.RETRIES_EXHAUSTED;
    }

    /**
     * The exchange a failed message of a queue is republished to: the fanout exchange in front of the queue's
     * dead-letter queue ({@link HubTopology#republishExchangeOf}).
     *
     * @param properties the failed message's properties
     * @return the exchange name
     */
    public static String exchangeFor(org.springframework.amqp.core.MessageProperties properties) {
        return HubTopology.republishExchangeOf(properties.getConsumerQueue()).orElseThrow();
    }

    /**
     * The routing key a failed message is republished with: its original one (the exchange is a fanout, the key is
     * kept for whoever reads the dead letter), or the queue's name when it had none.
     *
     * @param properties the failed message's properties
     * @return the routing key
     */
    public static String routingKeyFor(org.springframework.amqp.core.MessageProperties properties) {
        String original = properties.getReceivedRoutingKey();
        return original != null ? original : properties.getConsumerQueue();
    }
}
