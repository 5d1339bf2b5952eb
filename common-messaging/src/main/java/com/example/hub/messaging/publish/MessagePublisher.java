package com.example.hub.messaging.publish;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RoutingKey;
import com.example.hub.messaging.metrics.HubMetrics;
import com.example.hub.messaging.metrics.HubMetrics.PublishOutcome;
import com.example.hub.messaging.schema.MessageSchemas;
import com.example.hub.messaging.topology.HubTopology;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessagePostProcessor;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.AbstractJavaTypeMapper;

/**
 * Publishes with publisher confirms and mandatory returns. A publish succeeds only when the broker confirmed the
 * message and did not return it; anything else is a {@link PublishException} the caller sees.
 */
public class MessagePublisher {

    private final RabbitTemplate rabbitTemplate;

    private final Duration confirmTimeout;

    private final String appId;

    private HubMetrics metrics = HubMetrics.NONE;

    private @Nullable MessageSchemas schemas;

    private @Nullable String ownSystem;

    public MessagePublisher(RabbitTemplate rabbitTemplate, Duration confirmTimeout, String appId) {
        this.rabbitTemplate = rabbitTemplate;
        this.confirmTimeout = confirmTimeout;
        this.appId = appId;
    }

    /**
     * Where to count what is published ({@code hub.publish}); nowhere by default.
     *
     * @param metrics the hub's meters
     */
    public void setMetrics(HubMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * The schemas the messages this application publishes are checked against before they are sent: one that breaks
     * its schema is not sent, and the publish fails at once with an {@link
     * com.example.hub.messaging.schema.InvalidMessageException} that names each violation. What is checked: every
     * product event, and every envelope this application sends as itself (its {@code source_system} is {@code
     * ownSystem}), or every envelope when it speaks for no system. An envelope in another system's name is that
     * system's to get right: the broker's topic permissions refuse it in production, and tests that play another
     * system publish with it what that system might send, which its consumer checks. None by default.
     *
     * @param schemas the hub's message schemas, or {@code null} to check none
     * @param ownSystem the system this application speaks for ({@code hub.messaging.system}), or {@code null}
     */
    public void setSchemas(@Nullable MessageSchemas schemas, @Nullable String ownSystem) {
        this.schemas = schemas;
        this.ownSystem = ownSystem == null || ownSystem.isBlank() ? null : ownSystem;
    }

    /**
     * Publishes an envelope to {@link HubTopology#EXCHANGE} and waits for the broker's confirmation.
     *
     * @param routingKey where the envelope goes
     * @param envelope the message
     * @throws PublishException when the broker did not confirm the message or returned it
     * @throws com.example.hub.messaging.schema.InvalidMessageException when the envelope breaks its schema: it was not
     *     sent
     */
    public void publish(RoutingKey routingKey, MessageEnvelope envelope) {
        await(publishAsync(routingKey, envelope));
    }

    /**
     * Publishes an envelope to {@link HubTopology#EXCHANGE} without waiting.
     *
     * @param routingKey where the envelope goes
     * @param envelope the message
     * @return a future that completes when the broker confirmed the message, or exceptionally with a {@link
     *     PublishException}
     */
    public CompletableFuture<Void> publishAsync(RoutingKey routingKey, MessageEnvelope envelope) {
        return send(HubTopology.EXCHANGE, routingKey.toString(), envelope, properties -> {
            properties.setMessageId(envelope.messageId());
            properties.setCorrelationId(envelope.requestId());
            properties.setType(envelope.messageType());
            if (envelope.timestamp() != null) {
                properties.setTimestamp(Date.from(envelope.timestamp()));
            }
        });
    }

    /**
     * Publishes any JSON body to an exchange and waits for the broker's confirmation.
     *
     * @param exchange the exchange, {@code ""} for the default exchange
     * @param routingKey the routing key
     * @param body the object to send as JSON
     * @param properties sets further AMQP properties, such as the message id
     * @throws PublishException when the broker did not confirm the message or returned it
     */
    public void publish(String exchange, String routingKey, Object body, PropertiesSetter properties) {
        await(send(exchange, routingKey, body, properties));
    }

    /**
     * Publishes any JSON body to an exchange without waiting.
     *
     * @param exchange the exchange, {@code ""} for the default exchange
     * @param routingKey the routing key
     * @param body the object to send as JSON
     * @param properties sets further AMQP properties, such as the message id
     * @return a future that completes when the broker confirmed the message, or exceptionally with a {@link
     *     PublishException}
     */
    public CompletableFuture<Void> send(String exchange, String routingKey, Object body, PropertiesSetter properties) {
        if (this.schemas != null && ownMessage(body)) {
            // a message its own schema rejects is a bug of this publisher: it never reaches the broker
            this.schemas.checkOutgoing(body);
        }
        CorrelationData correlation = new CorrelationData();
        MessagePostProcessor postProcessor = message -> {
            MessageProperties messageProperties = message.getMessageProperties();
            // The JSON is the contract: no Java type hints travel to other systems.
            messageProperties.getHeaders().remove(AbstractJavaTypeMapper.DEFAULT_CLASSID_FIELD_NAME);
            messageProperties.getHeaders().remove(AbstractJavaTypeMapper.DEFAULT_CONTENT_CLASSID_FIELD_NAME);
            messageProperties.getHeaders().remove(AbstractJavaTypeMapper.DEFAULT_KEY_CLASSID_FIELD_NAME);
            messageProperties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
            messageProperties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
            messageProperties.setAppId(this.appId);
            if (messageProperties.getTimestamp() == null) {
                messageProperties.setTimestamp(new Date());
            }
            properties.set(messageProperties);
            return message;
        };
        long start = System.nanoTime();
        try {
            this.rabbitTemplate.convertAndSend(exchange, routingKey, body, postProcessor, correlation);
        } catch (AmqpException ex) {
            this.metrics.published(exchange, PublishOutcome.UNREACHABLE, Duration.ofNanos(System.nanoTime() - start));
            return CompletableFuture.failedFuture(new PublishException(
                    PublishException.Reason.UNREACHABLE,
                    "Could not publish to exchange '" + exchange + "' with routing key '" + routingKey + "': "
                            + ex.getMessage(),
                    ex));
        }
        return correlation
                .getFuture()
                .orTimeout(this.confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((confirm, failure) -> {
                    this.metrics.published(
                            exchange,
                            outcome(correlation, confirm, failure),
                            Duration.ofNanos(System.nanoTime() - start));
                    if (failure != null) {
                        throw new CompletionException(
                                failure instanceof TimeoutException
                                        ? new PublishException(
                                                PublishException.Reason.TIMEOUT,
                                                "The broker did not confirm the message to '" + exchange
                                                        + "' with routing key '" + routingKey + "' within "
                                                        + this.confirmTimeout.toMillis() + " ms")
                                        : new PublishException(
                                                PublishException.Reason.UNREACHABLE,
                                                "Publishing to '" + exchange + "' failed: " + failure.getMessage(),
                                                failure));
                    }
                    ReturnedMessage returned = correlation.getReturned();
                    if (returned != null) {
                        throw new CompletionException(new PublishException(
                                PublishException.Reason.UNROUTABLE,
                                "The broker returned the message: no queue is bound to exchange '" + exchange
                                        + "' for routing key '" + routingKey + "' (" + returned.getReplyCode() + " "
                                        + returned.getReplyText() + ")"));
                    }
                    if (!confirm.ack()) {
                        throw new CompletionException(new PublishException(
                                PublishException.Reason.NACKED,
                                "The broker refused the message to '" + exchange + "' with routing key '" + routingKey
                                        + "'" + (confirm.reason() != null ? ": " + confirm.reason() : "")));
                    }
                    return null;
                });
    }

    private boolean ownMessage(Object body) {
        return !(body instanceof MessageEnvelope envelope)
                || this.ownSystem == null
                || this.ownSystem.equalsIgnoreCase(envelope.sourceSystem());
    }

    private static PublishOutcome outcome(
            CorrelationData correlation, CorrelationData.@Nullable Confirm confirm, @Nullable Throwable failure) {
        if (failure != null) {
            return failure instanceof TimeoutException ? PublishOutcome.TIMEOUT : PublishOutcome.UNREACHABLE;
        }
        if (correlation.getReturned() != null) {
            return PublishOutcome.RETURNED;
        }
        return confirm != null && confirm.ack() ? PublishOutcome.CONFIRMED : PublishOutcome.NACKED;
    }

    private void await(CompletableFuture<Void> confirmation) {
        try {
            // the future times out by itself; the extra second only guards against a lost callback
            confirmation.get(this.confirmTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new PublishException(PublishException.Reason.TIMEOUT, "Interrupted while waiting for a confirm", ex);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof PublishException publishException) {
                throw publishException;
            }
            throw new PublishException(PublishException.Reason.UNREACHABLE, "Publishing failed", ex.getCause());
        } catch (TimeoutException ex) {
            throw new PublishException(PublishException.Reason.TIMEOUT, "No confirm arrived in time", ex);
        }
    }

    /** Sets AMQP properties of an outgoing message. */
    @FunctionalInterface
    public interface PropertiesSetter {

        /** Sets nothing. */
        PropertiesSetter NONE = properties -> {};

        /**
         * Sets properties.
         *
         * @param properties the message's properties
         */
        void set(MessageProperties properties);
    }
}
