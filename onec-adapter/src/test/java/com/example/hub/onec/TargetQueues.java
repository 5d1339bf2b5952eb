package com.example.hub.onec;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.test.context.TestComponent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DMS and CRM adapters' side of the broker in a test of the 1C adapter, where neither runs: their queues keep what
 * the adapter published, for the test to take, and the test answers in their place. {@code @Import} it.
 */
@TestComponent
public class TargetQueues {

    private static final long RECEIVE_TIMEOUT = 10_000;

    /** How long to wait for a message that must not come. */
    private static final long ABSENCE_TIMEOUT = 1_000;

    private final RabbitTemplate rabbitTemplate;

    private final AmqpAdmin amqpAdmin;

    private final MessagePublisher publisher;

    private final JsonMapper jsonMapper;

    TargetQueues(
            RabbitTemplate rabbitTemplate, AmqpAdmin amqpAdmin, MessagePublisher publisher, JsonMapper jsonMapper) {
        this.rabbitTemplate = rabbitTemplate;
        this.amqpAdmin = amqpAdmin;
        this.publisher = publisher;
        this.jsonMapper = jsonMapper;
    }

    /** Empties {@code dms_queue} and {@code crm_queue}. */
    public void empty() {
        this.amqpAdmin.purgeQueue(HubTopology.DMS_QUEUE, false);
        this.amqpAdmin.purgeQueue(HubTopology.CRM_QUEUE, false);
    }

    /**
     * Takes the next message of a queue, waiting up to 10 s.
     *
     * @param queue the queue
     * @return the message
     */
    public Message receive(String queue) {
        Message message = this.rabbitTemplate.receive(queue, RECEIVE_TIMEOUT);
        assertThat(message).as("a message in " + queue).isNotNull();
        return message;
    }

    /**
     * Takes the next message of a queue, waiting up to 10 s, as an envelope.
     *
     * @param queue the queue
     * @return the envelope
     */
    public MessageEnvelope receiveEnvelope(String queue) {
        return envelope(receive(queue));
    }

    /**
     * Checks that no message comes to a queue within a second.
     *
     * @param queue the queue
     */
    public void assertNothingMoreIn(String queue) {
        assertThat(this.rabbitTemplate.receive(queue, ABSENCE_TIMEOUT))
                .as("no other message in " + queue)
                .isNull();
    }

    /**
     * Checks that a queue holds one message, of a request, published once: its next message is of the request, and
     * no other comes within a second.
     *
     * @param queue the queue
     * @param requestId the request's id, the message's correlation id
     */
    public void assertOnlyRequestIn(String queue, String requestId) {
        assertThat(receive(queue).getMessageProperties().getCorrelationId()).isEqualTo(requestId);
        assertNothingMoreIn(queue);
    }

    /**
     * Publishes a response to the 1C adapter, as the DMS or CRM adapter would.
     *
     * @param response the response
     */
    public void answer(MessageEnvelope response) {
        this.publisher.publish(response.responseKey(), response);
    }

    /**
     * A message's body as JSON.
     *
     * @param message the message
     * @return its JSON
     */
    public JsonNode json(Message message) {
        return this.jsonMapper.readTree(message.getBody());
    }

    /**
     * A message's body as an envelope.
     *
     * @param message the message
     * @return its envelope
     */
    public MessageEnvelope envelope(Message message) {
        return this.jsonMapper.readValue(message.getBody(), MessageEnvelope.class);
    }
}
