package com.example.hub.messaging.failure;

import com.example.hub.messaging.topology.HubTopology;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * Republishes a message whose listener failed for good to the dead-letter queue of the queue it came from, with the
 * reason in its headers ({@link DeadLetterHeaders}), and waits for the broker's confirmation. Work queues of the hub
 * are reached through their dead-letter exchange, other known queues (such as {@code odoo_events}) through the default
 * exchange. When republishing is not possible, a message of a queue with a broker-side dead-letter exchange is
 * rejected without requeueing, so that the broker dead-letters it; a message of a queue without one is requeued
 * rather than dropped.
 */
public class DeadLetterRecoverer extends RepublishMessageRecovererWithConfirms {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    private final String serviceName;

    private final ToIntFunction<Throwable> attempts;

    private final @Nullable FailureReplier failureReplier;

    /**
     * Creates a recoverer.
     *
     * @param rabbitTemplate the template to republish with (correlated publisher confirms)
     * @param serviceName the name of the failing service, recorded in the headers
     * @param attempts how often a message with a given failure was tried
     * @param failureReplier answers the requester of a dead-lettered request, or {@code null}
     */
    public DeadLetterRecoverer(
            RabbitTemplate rabbitTemplate,
            String serviceName,
            ToIntFunction<Throwable> attempts,
            @Nullable FailureReplier failureReplier) {
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
    }

    @Override
    public void recover(Message message, @Nullable Throwable cause) {
        String queue = message.getMessageProperties().getConsumerQueue();
        if (queue == null || HubTopology.deadLetterQueueOf(queue).isEmpty()) {
            throw new AmqpRejectAndDontRequeueException(
                    "No dead-letter queue is known for queue '" + queue + "': rejected for the broker to dead-letter",
                    cause);
        }
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
        if (this.failureReplier != null && cause != null) {
            this.failureReplier.reply(message, FailureClassifier.describe(cause));
        }
    }

    @Override
    protected Map<? extends String, ?> additionalHeaders(Message message, @Nullable Throwable cause) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(
                DeadLetterHeaders.ORIGINAL_QUEUE, message.getMessageProperties().getConsumerQueue());
        headers.put(DeadLetterHeaders.FAILED_AT, Instant.now().toString());
        headers.put(DeadLetterHeaders.FAILED_SERVICE, this.serviceName);
        if (cause != null) {
            boolean permanent = FailureClassifier.isPermanent(cause);
            headers.put(
                    DeadLetterHeaders.EXCEPTION_CLASS,
                    FailureClassifier.unwrap(cause).getClass().getName());
            headers.put(DeadLetterHeaders.EXCEPTION_MESSAGE, FailureClassifier.describe(cause));
            headers.put(DeadLetterHeaders.ATTEMPTS, this.attempts.applyAsInt(cause));
            headers.put(
                    DeadLetterHeaders.FAILURE_KIND,
                    permanent ? DeadLetterHeaders.PERMANENT : DeadLetterHeaders.RETRIES_EXHAUSTED);
        }
        return headers;
    }

    /**
     * The exchange a failed message of a queue is republished to: the queue's dead-letter exchange, or the default
     * exchange for a queue that has a dead-letter queue but no dead-letter exchange.
     *
     * @param properties the failed message's properties
     * @return the exchange name
     */
    public static String exchangeFor(org.springframework.amqp.core.MessageProperties properties) {
        return HubTopology.deadLetterExchangeOf(properties.getConsumerQueue()).orElse("");
    }

    /**
     * The routing key a failed message is republished with: its original one through a dead-letter exchange (a
     * fanout), the dead-letter queue's name through the default exchange.
     *
     * @param properties the failed message's properties
     * @return the routing key
     */
    public static String routingKeyFor(org.springframework.amqp.core.MessageProperties properties) {
        String queue = properties.getConsumerQueue();
        if (HubTopology.deadLetterExchangeOf(queue).isPresent()) {
            String original = properties.getReceivedRoutingKey();
            return original != null ? original : queue;
        }
        return HubTopology.deadLetterQueueOf(queue).orElseThrow();
    }
}
