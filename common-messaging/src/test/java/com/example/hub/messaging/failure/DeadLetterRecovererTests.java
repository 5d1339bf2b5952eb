package com.example.hub.messaging.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.example.hub.messaging.topology.HubTopology;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;

class DeadLetterRecovererTests {

    @Test
    void aFatalErrorEndsTheProcessAndLeavesTheMessageToTheBroker() {
        List<Throwable> fatal = new ArrayList<>();
        DeadLetterRecoverer recoverer =
                new DeadLetterRecoverer(new RabbitTemplate(), "test-service", failure -> 3, null, null);
        recoverer.setFatalErrorHandler(fatal::add);
        MessageProperties properties = new MessageProperties();
        properties.setConsumerQueue(HubTopology.DMS_QUEUE);
        OutOfMemoryError outOfMemory = new OutOfMemoryError("Java heap space");

        assertThatExceptionOfType(ImmediateRequeueAmqpException.class)
                .isThrownBy(() -> recoverer.recover(
                        new Message(new byte[0], properties),
                        new ListenerExecutionFailedException("Listener threw exception", outOfMemory)));
        assertThat(fatal)
                .singleElement()
                .satisfies(failure -> assertThat(failure).hasRootCause(outOfMemory));
    }
}
