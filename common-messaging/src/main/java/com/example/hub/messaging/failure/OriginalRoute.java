package com.example.hub.messaging.failure;

import com.example.hub.messaging.topology.HubTopology;
import org.springframework.amqp.core.MessageProperties;

/**
 * Where a received message was originally published. A message back from a retry queue arrives through its queue's
 * retry exchange ({@link HubTopology#retryExchangeOf}) with its queue's name as the routing key; its original exchange
 * and routing key travel in its headers.
 */
public final class OriginalRoute {

    private OriginalRoute() {}

    /**
     * The routing key a message was originally published with.
     *
     * @param properties the received message's properties
     * @return the original routing key
     */
    public static String routingKey(MessageProperties properties) {
        if (cameBackFromRetry(properties)
                && properties.getHeaders().get(DeadLetterHeaders.ORIGINAL_ROUTING_KEY) instanceof String original) {
            return original;
        }
        return properties.getReceivedRoutingKey();
    }

    /**
     * The exchange a message was originally published to.
     *
     * @param properties the received message's properties
     * @return the original exchange
     */
    public static String exchange(MessageProperties properties) {
        if (cameBackFromRetry(properties)
                && properties.getHeaders().get(DeadLetterHeaders.ORIGINAL_EXCHANGE) instanceof String original) {
            return original;
        }
        return properties.getReceivedExchange();
    }

    private static boolean cameBackFromRetry(MessageProperties properties) {
        String exchange = properties.getReceivedExchange();
        String queue = properties.getConsumerQueue();
        // back through the queue's retry exchange, or through the default exchange from a retry queue declared before
        // the retry exchanges existed
        boolean fromRetryQueue = exchange == null
                || exchange.isEmpty()
                || (queue != null && exchange.equals(HubTopology.retryExchangeOf(queue)));
        return fromRetryQueue && properties.getHeaders().containsKey(DeadLetterHeaders.RETRIES);
    }
}
