package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RetryNotice;
import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.QueueMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Failures that may go away are retried with delays, through retry queues of the broker, until the retry horizon has
 * passed; only then is the message dead-lettered. The requester is told while it waits.
 */
@SpringBootTest(
        classes = MessagingTestApplication.class,
        properties = {
            "spring.application.name=delayed-retry-tests",
            "hub.messaging.system=dms",
            // two quick attempts in each delivery
            "spring.rabbitmq.listener.simple.retry.max-retries=1",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            "hub.messaging.retry.delays=300ms,600ms",
            "hub.messaging.retry.give-up-after=3s"
        })
@BrokerTest
class DelayedRetryIntegrationTests {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    AmqpAdmin amqpAdmin;

    @Autowired
    MessagingTestApplication.RecordingListener listener;

    @AfterEach
    void deadLetterQueueHoldsNothingElse() {
        assertThat(this.rabbitTemplate.receive(HubTopology.DMS_DEAD_LETTER_QUEUE))
                .isNull();
    }

    @Test
    void everyWorkQueueHasARetryQueueForEachDelay() {
        for (HubTopology.WorkQueue queue : HubTopology.WORK_QUEUES) {
            assertThat(this.amqpAdmin.getQueueInfo(queue.name() + ".retry.300ms"))
                    .isNotNull();
            assertThat(this.amqpAdmin.getQueueInfo(queue.name() + ".retry.600ms"))
                    .isNotNull();
        }
    }

    @Test
    void aFailureThatGoesAwayIsRetriedAfterADelayAndTheRequesterIsToldMeanwhile() {
        MessageEnvelope request = MessageEnvelope.request("RETRY-1", "1C", "DMS", "fails_twice", Map.of());
        Instant sent = Instant.now();

        this.publisher.publish(request.requestKey(), request);

        await().atMost(RECEIVE_TIMEOUT)
                .untilAsserted(() -> assertThat(this.listener.processed).contains(request));
        // both quick attempts of the first delivery failed; the third, after the delay, succeeded
        assertThat(this.listener.attemptsOf(request.messageId())).isEqualTo(3);
        Message notice = answerTo(request, "dms.response.1c." + RetryNotice.MESSAGE_TYPE);
        Map<String, Object> payload =
                QueueMessages.read(notice, MessageEnvelope.class).payload();
        assertThat(payload)
                .containsEntry("attempts", 2)
                .containsEntry("failed_service", "delayed-retry-tests")
                .containsEntry("reason", "Downstream unavailable (attempt 2)");
        assertThat(Instant.parse((String) payload.get("next_attempt_at")))
                .isBetween(sent.plusMillis(300), sent.plusSeconds(5));
    }

    @Test
    void aFailureThatStaysIsDeadLetteredOnceTheRetryHorizonHasPassedWithEveryAttemptCounted() {
        MessageEnvelope request = MessageEnvelope.request("RETRY-2", "1C", "DMS", "always_fails", Map.of());
        Instant sent = Instant.now();

        this.publisher.publish(request.requestKey(), request);

        Message dead = this.rabbitTemplate.receive(HubTopology.DMS_DEAD_LETTER_QUEUE, 15_000);
        assertThat(dead).as("dead-lettered once the horizon passed").isNotNull();
        Map<String, Object> headers = dead.getMessageProperties().getHeaders();
        int attempts = this.listener.attemptsOf(request.messageId());
        // delays of 300 ms, then 600 ms, within 3 s: several deliveries of two quick attempts each
        assertThat(attempts).isGreaterThanOrEqualTo(6).isEven();
        assertThat(headers)
                .containsEntry(DeadLetterHeaders.ATTEMPTS, attempts)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.RETRIES_EXHAUSTED)
                .containsEntry(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, "1c.request.dms.always_fails")
                .containsEntry(DeadLetterHeaders.ORIGINAL_EXCHANGE, HubTopology.EXCHANGE)
                .containsEntry(DeadLetterHeaders.ORIGINAL_QUEUE, HubTopology.DMS_QUEUE)
                .doesNotContainKeys(DeadLetterHeaders.RETRIES, DeadLetterHeaders.FIRST_FAILED_AT);
        assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        // the requester learns the outcome from the dead-letter answer, with the original message type
        Message error = answerTo(request, "dms.response.1c.error");
        assertThat(QueueMessages.read(error, MessageEnvelope.class).payload())
                .containsEntry("failed_message_type", "always_fails")
                .containsEntry("reason", "Downstream still unavailable");
    }

    private Message answerTo(MessageEnvelope request, String routingKey) {
        Predicate<Message> wanted = message -> routingKey.equals(
                        message.getMessageProperties().getReceivedRoutingKey())
                && request.requestId().equals(message.getMessageProperties().getCorrelationId());
        return QueueMessages.receive(this.rabbitTemplate, HubTopology.ONEC_QUEUE, wanted, RECEIVE_TIMEOUT);
    }
}
