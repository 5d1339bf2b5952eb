package com.example.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Predicate;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Reads, in a test, the messages of a queue that the application under test does not consume. */
public final class QueueMessages {

    /** How many messages {@link #receive} looks at before it gives up. */
    private static final int MAX_MESSAGES = 20;

    private static final JsonMapper JSON = new JsonMapper();

    private QueueMessages() {}

    /**
     * The first message of a queue that matches; the messages before it are dropped.
     *
     * @param rabbitTemplate the template to receive with
     * @param queue the queue
     * @param wanted which message
     * @param timeout how long to wait for each message
     * @return the message
     * @throws AssertionError when no message arrives in time, or none of the next 20 matches
     */
    public static Message receive(
            RabbitTemplate rabbitTemplate, String queue, Predicate<Message> wanted, Duration timeout) {
        for (int i = 0; i < MAX_MESSAGES; i++) {
            Message message = rabbitTemplate.receive(queue, timeout.toMillis());
            assertThat(message).as("a message in " + queue).isNotNull();
            if (wanted.test(message)) {
                return message;
            }
        }
        throw new AssertionError("No such message in " + queue);
    }

    /**
     * Whether a message carries a correlation id, as the hub's messages of a request carry its request id.
     *
     * @param correlationId the correlation id
     * @return the predicate
     */
    public static Predicate<Message> withCorrelationId(String correlationId) {
        return message -> correlationId.equals(message.getMessageProperties().getCorrelationId());
    }

    /**
     * The JSON body of a message, read by a plain {@link JsonMapper}.
     *
     * @param message the message
     * @param type what to read it as
     * @param <T> the type
     * @return the body
     */
    public static <T> T read(Message message, Class<T> type) {
        return JSON.readValue(message.getBody(), type);
    }
}
