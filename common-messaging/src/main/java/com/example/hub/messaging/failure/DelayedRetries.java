package com.example.hub.messaging.failure;

import com.example.hub.messaging.topology.HubTopology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.MessagePropertiesBuilder;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Retries a message whose processing failed for a reason that may go away later, without holding a consumer: it is
 * published to the retry queue of its queue for the next delay of the schedule ({@link HubTopology#retryQueueOf}),
 * through the queue's retry exchange ({@link HubTopology#retryExchangeOf}), with the broker's confirmation, and the broker moves it back to its queue when the delay has passed. The hub counts in
 * the message's own headers ({@link DeadLetterHeaders#RETRIES}, {@link DeadLetterHeaders#FIRST_FAILED_AT}, {@link
 * DeadLetterHeaders#ATTEMPTS}), not in the broker's {@code x-death}, which is left out of the copy: RabbitMQ 4 owns it,
 * and on 3.x a repeated {@code x-death} entry would make the broker drop the message as a dead-letter cycle.
 */
public class DelayedRetries {

    private final RabbitTemplate rabbitTemplate;

    private final List<Duration> delays;

    private final Duration giveUpAfter;

    private final Duration confirmTimeout;

    private final String serviceName;

    private final Clock clock;

    /**
     * Creates the delayed retries of an application.
     *
     * @param rabbitTemplate the template to publish with (correlated publisher confirms, mandatory)
     * @param delays the delays of the schedule; the last one repeats
     * @param giveUpAfter how long after its first failure a message is still retried
     * @param confirmTimeout how long to wait for the broker's confirmation
     * @param serviceName the service recorded as the one whose processing failed
     * @param clock the clock
     */
    public DelayedRetries(
            RabbitTemplate rabbitTemplate,
            List<Duration> delays,
            Duration giveUpAfter,
            Duration confirmTimeout,
            String serviceName,
            Clock clock) {
        this.rabbitTemplate = rabbitTemplate;
        this.delays = List.copyOf(delays);
        this.giveUpAfter = giveUpAfter;
        this.confirmTimeout = confirmTimeout;
        this.serviceName = serviceName;
        this.clock = clock;
    }

    /**
     * Sends a failed message to wait for its next attempt, if it is still within the retry horizon.
     *
     * @param message the failed message
     * @param attempts how often it was tried in all, this delivery included
     * @param cause why the last attempt failed
     * @return when the message will be tried again, or empty when it is to be dead-lettered
     * @throws AmqpException when the broker did not take the message into the retry queue
     */
    public Optional<Instant> schedule(Message message, int attempts, Throwable cause) {
        MessageProperties received = message.getMessageProperties();
        String queue = received.getConsumerQueue();
        if (queue == null || !HubTopology.isRetried(queue) || !this.giveUpAfter.isPositive()) {
            return Optional.empty();
        }
        Instant now = this.clock.instant();
        Instant firstFailedAt = instant(received.getHeaders().get(DeadLetterHeaders.FIRST_FAILED_AT), now);
        int retries = number(received.getHeaders().get(DeadLetterHeaders.RETRIES));
        Duration delay = this.delays.get(Math.min(retries, this.delays.size() - 1));
        Instant nextAttemptAt = now.plus(delay);
        if (Duration.between(firstFailedAt, nextAttemptAt).compareTo(this.giveUpAfter) > 0) {
            return Optional.empty();
        }
        MessageProperties properties =
                MessagePropertiesBuilder.fromClonedProperties(received).build();
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        Map<String, Object> headers = properties.getHeaders();
        // headers of the failed delivery that the retried copy does not carry
        headers.keySet().removeAll(DeadLetterHeaders.DELIVERY_HEADERS);
        headers.remove(DeadLetterHeaders.EXCEPTION_STACKTRACE);
        headers.put(DeadLetterHeaders.ORIGINAL_EXCHANGE, OriginalRoute.exchange(received));
        headers.put(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, OriginalRoute.routingKey(received));
        headers.put(DeadLetterHeaders.ORIGINAL_QUEUE, queue);
        headers.put(DeadLetterHeaders.RETRIES, retries + 1);
        headers.put(DeadLetterHeaders.FIRST_FAILED_AT, firstFailedAt.toString());
        headers.put(DeadLetterHeaders.ATTEMPTS, attempts);
        headers.put(
                DeadLetterHeaders.EXCEPTION_CLASS,
                FailureClassifier.unwrap(cause).getClass().getName());
        headers.put(DeadLetterHeaders.EXCEPTION_MESSAGE, FailureClassifier.describe(cause));
        headers.put(DeadLetterHeaders.FAILED_SERVICE, this.serviceName);
        headers.put(DeadLetterHeaders.FAILED_AT, now.toString());
        publish(
                HubTopology.retryExchangeOf(queue),
                HubTopology.retryQueueOf(queue, delay),
                new Message(message.getBody(), properties));
        return Optional.of(nextAttemptAt);
    }

    /**
     * How often a message was tried in earlier deliveries, as the hub counted in its headers.
     *
     * @param message a received message
     * @return the attempts of earlier deliveries, {@code 0} for a message that has not failed before
     */
    public static int earlierAttempts(Message message) {
        return number(message.getMessageProperties().getHeaders().get(DeadLetterHeaders.ATTEMPTS));
    }

    private void publish(String retryExchange, String retryQueue, Message message) {
        CorrelationData correlation = new CorrelationData();
        // through the queue's retry exchange, not the default one: see HubTopology.retryExchangeOf
        this.rabbitTemplate.send(retryExchange, retryQueue, message, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(this.confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RetryNotScheduledException("Interrupted while waiting for the confirm of " + retryQueue, ex);
        } catch (ExecutionException | TimeoutException ex) {
            throw new RetryNotScheduledException("The broker did not confirm the message to " + retryQueue, ex);
        }
        if (!confirm.ack() || correlation.getReturned() != null) {
            throw new RetryNotScheduledException("The broker did not take the message into " + retryQueue + ": "
                    + (correlation.getReturned() != null ? "returned, the queue does not exist" : confirm.reason()));
        }
    }

    private static Instant instant(@Nullable Object header, Instant otherwise) {
        if (header != null) {
            try {
                return Instant.parse(header.toString());
            } catch (DateTimeParseException ex) {
                return otherwise;
            }
        }
        return otherwise;
    }

    private static int number(@Nullable Object header) {
        if (header instanceof Number number) {
            return number.intValue();
        }
        if (header != null) {
            try {
                return Integer.parseInt(header.toString());
            } catch (NumberFormatException ex) {
                return 0;
            }
        }
        return 0;
    }

    /** The broker did not take a message into its retry queue. */
    static class RetryNotScheduledException extends AmqpException {

        RetryNotScheduledException(String message) {
            super(message);
        }

        RetryNotScheduledException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
