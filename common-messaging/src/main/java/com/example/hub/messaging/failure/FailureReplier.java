package com.example.hub.messaging.failure;

import com.example.hub.messaging.envelope.FailureReply;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.PayloadMapper;
import com.example.hub.messaging.envelope.RetryNotice;
import com.example.hub.messaging.envelope.RoutingKey;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the requester of a dead-lettered request with an {@value FailureReply#MESSAGE_TYPE} response, so that it
 * shows the request as failed, with the reason, instead of waiting forever. Requests that can still be read as envelopes
 * are answered to their source; a response is answered only when its context names the system on whose behalf the
 * request was made ({@value MessageEnvelope#REPLY_TO}), since that system is still waiting.
 */
public class FailureReplier {

    private static final Logger logger = LoggerFactory.getLogger(FailureReplier.class);

    private final MessagePublisher publisher;

    private final JsonMapper jsonMapper;

    private final PayloadMapper payloadMapper;

    private final String system;

    private final String serviceName;

    public FailureReplier(
            MessagePublisher publisher,
            JsonMapper jsonMapper,
            PayloadMapper payloadMapper,
            String system,
            String serviceName) {
        this.publisher = publisher;
        this.jsonMapper = jsonMapper;
        this.payloadMapper = payloadMapper;
        this.system = RoutingKey.systemName(system);
        this.serviceName = serviceName;
    }

    /**
     * Answers the requester of a dead-lettered message, if it was a readable request. Never throws: the message is
     * already safe in its dead-letter queue.
     *
     * @param message the dead-lettered message
     * @param reason why it failed
     */
    public void reply(Message message, String reason) {
        MessageProperties properties = message.getMessageProperties();
        RoutingKey routingKey = parse(OriginalRoute.routingKey(properties));
        if (routingKey == null) {
            return;
        }
        try {
            MessageEnvelope failed = this.jsonMapper.readValue(message.getBody(), MessageEnvelope.class);
            if (failed.requestId() == null || failed.sourceSystem() == null) {
                return;
            }
            FailureReply failure = new FailureReply(
                    reason,
                    HubTopology.deadLetterQueueOf(properties.getConsumerQueue()).orElse(null),
                    failed.messageType() != null ? failed.messageType() : routingKey.type(),
                    this.serviceName);
            Map<String, Object> payload = this.payloadMapper.write(failure);
            MessageEnvelope reply = (routingKey.kind() == RoutingKey.Kind.REQUEST)
                    ? failed.reply(this.system, FailureReply.MESSAGE_TYPE, payload)
                    : relayedRequesterReply(failed, payload);
            if (reply != null) {
                this.publisher.publish(reply.responseKey(), reply);
            }
        } catch (RuntimeException ex) {
            logger.warn("Could not answer the requester of a dead-lettered message (routing key "
                    + properties.getReceivedRoutingKey() + "): " + ex.getMessage());
        }
    }

    /**
     * Tells the requester of a request that waits for a delayed retry when it is tried next. Responses are not
     * announced. Never throws: the message is already safe in its retry queue.
     *
     * @param message the message that waits
     * @param notice why, and until when
     */
    public void retryScheduled(Message message, RetryNotice notice) {
        MessageProperties properties = message.getMessageProperties();
        RoutingKey routingKey = parse(OriginalRoute.routingKey(properties));
        if (routingKey == null || routingKey.kind() != RoutingKey.Kind.REQUEST) {
            return;
        }
        try {
            MessageEnvelope waiting = this.jsonMapper.readValue(message.getBody(), MessageEnvelope.class);
            if (waiting.requestId() == null || waiting.sourceSystem() == null) {
                return;
            }
            MessageEnvelope reply =
                    waiting.reply(this.system, RetryNotice.MESSAGE_TYPE, this.payloadMapper.write(notice));
            this.publisher.publish(reply.responseKey(), reply);
        } catch (RuntimeException ex) {
            logger.warn("Could not tell the requester of a message waiting for a retry (routing key "
                    + properties.getReceivedRoutingKey() + "): " + ex.getMessage());
        }
    }

    /**
     * A response that could not be processed fails the request it belonged to: when the request was sent on behalf of
     * another system, its context names that system ({@value MessageEnvelope#REPLY_TO}), which gets the error, with
     * its own context ({@value MessageEnvelope#REQUESTER_CONTEXT}) back.
     */
    private @Nullable MessageEnvelope relayedRequesterReply(MessageEnvelope failed, Map<String, Object> payload) {
        Map<String, Object> context = failed.context();
        if (context == null || !(context.get(MessageEnvelope.REPLY_TO) instanceof String requester)) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> requesterContext = context.get(MessageEnvelope.REQUESTER_CONTEXT) instanceof Map<?, ?> map
                ? (Map<String, Object>) map
                : null;
        return MessageEnvelope.request(failed.requestId(), this.system, requester, FailureReply.MESSAGE_TYPE, payload)
                .withContext(requesterContext);
    }

    private static @Nullable RoutingKey parse(@Nullable String receivedRoutingKey) {
        try {
            return RoutingKey.parse(receivedRoutingKey);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
