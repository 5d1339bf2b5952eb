package com.example.hub.messaging.failure;

import com.example.hub.messaging.envelope.FailureReply;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.PayloadMapper;
import com.example.hub.messaging.envelope.RoutingKey;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the requester of a dead-lettered request with an {@value FailureReply#MESSAGE_TYPE} response, so that it
 * shows the request as failed, with the reason, instead of waiting forever. Only requests that can still be read as
 * envelopes get an answer; responses are never answered.
 */
public class FailureReplier {

    private static final Log logger = LogFactory.getLog(FailureReplier.class);

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
        RoutingKey routingKey = requestKey(properties.getReceivedRoutingKey());
        if (routingKey == null) {
            return;
        }
        try {
            MessageEnvelope request = this.jsonMapper.readValue(message.getBody(), MessageEnvelope.class);
            if (request.requestId() == null || request.sourceSystem() == null) {
                return;
            }
            String deadLetterQueue =
                    HubTopology.deadLetterQueueOf(properties.getConsumerQueue()).orElse(null);
            FailureReply failure = new FailureReply(
                    reason,
                    deadLetterQueue,
                    request.messageType() != null ? request.messageType() : routingKey.type(),
                    this.serviceName);
            MessageEnvelope reply =
                    request.reply(this.system, FailureReply.MESSAGE_TYPE, this.payloadMapper.write(failure));
            this.publisher.publish(reply.responseKey(), reply);
        } catch (RuntimeException ex) {
            logger.warn("Could not answer the requester of a dead-lettered message (routing key "
                    + properties.getReceivedRoutingKey() + "): " + ex.getMessage());
        }
    }

    private static @Nullable RoutingKey requestKey(@Nullable String receivedRoutingKey) {
        try {
            RoutingKey key = RoutingKey.parse(receivedRoutingKey);
            return key.kind() == RoutingKey.Kind.REQUEST ? key : null;
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }
}
