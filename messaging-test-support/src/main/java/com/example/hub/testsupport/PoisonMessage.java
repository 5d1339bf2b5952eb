package com.example.hub.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A poison message: its content type says JSON, its body is not. A consumer of the hub cannot convert it, so it must
 * dead-letter it at once, as a permanent failure, and go on serving.
 */
public final class PoisonMessage {

    /** Its body. */
    public static final String BODY = "this is not JSON";

    private PoisonMessage() {}

    /**
     * Sends a poison message and takes its dead letter from a dead-letter queue; the messages before it there are
     * dropped.
     *
     * @param rabbitTemplate the template to send and receive with
     * @param exchange the exchange to send it to
     * @param routingKey its routing key, that of a request the app consumes
     * @param deadLetterQueue where the app dead-letters it
     * @param timeout how long to wait for each message of the dead-letter queue
     * @return its dead letter
     * @throws AssertionError when it is not dead-lettered in time ({@link QueueMessages#receive})
     */
    public static Message sendAndReceiveDeadLetter(
            RabbitTemplate rabbitTemplate,
            String exchange,
            String routingKey,
            String deadLetterQueue,
            Duration timeout) {
        rabbitTemplate.send(
                exchange,
                routingKey,
                MessageBuilder.withBody(BODY.getBytes(StandardCharsets.UTF_8))
                        .setContentType("application/json")
                        .build());
        return QueueMessages.receive(
                rabbitTemplate,
                deadLetterQueue,
                message -> BODY.equals(new String(message.getBody(), StandardCharsets.UTF_8)),
                timeout);
    }
}
