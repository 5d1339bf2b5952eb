package com.example.hub.messaging.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RetryNotice;
import com.example.hub.messaging.envelope.RoutingKey;
import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.health.HubMessagingHealthIndicator;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.publish.PublishException;
import com.example.hub.testsupport.AppClient;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.Payload;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub's messaging under least privilege: a DMS-like application connects with the DMS adapter's user and its
 * permissions from compose, on the shared topology an administrator declared, and declares only its retry queues.
 * Requests come from, and answers go to, the 1C adapter's user. Publishing, answering, delayed retries through a
 * retry queue, dead-lettering with an answer to the requester, and the health indicator all work; publishing as
 * another system does not.
 */
@SpringBootTest(
        properties = {
            "spring.application.name=least-privilege-tests",
            "hub.messaging.system=dms",
            "spring.rabbitmq.listener.simple.retry.max-retries=1",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            "hub.messaging.retry.delays=300ms,600ms",
            "hub.messaging.retry.give-up-after=3s"
        })
@BrokerTest(user = "dms")
class LeastPrivilegeMessagingIntegrationTests {

    @Autowired
    BrokerTestVirtualHost vhost;

    @Autowired
    MessagePublisher publisher;

    @Autowired
    DmsListener listener;

    @Autowired
    HubMessagingHealthIndicator health;

    private final JsonMapper jsonMapper = new JsonMapper();

    @Test
    void theApplicationDeclaredOnlyTheRetryQueuesOfItsOwnQueue() {
        assertThat(this.vhost.broker().management().queueExists(this.vhost.name(), "dms_queue.retry.300ms"))
                .isTrue();
        assertThat(this.vhost.broker().management().queueExists(this.vhost.name(), "dms_queue.retry.600ms"))
                .isTrue();
        assertThat(this.vhost.broker().management().queueExists(this.vhost.name(), "crm_queue.retry.300ms"))
                .isFalse();
        assertThat(this.health.health(true).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aRequestOf1cIsAnswered() throws Exception {
        MessageEnvelope request = send("LP-1", "create_user");

        MessageEnvelope answer = answerTo(request, "dms.response.1c.create_user");

        assertThat(answer.payload()).containsEntry("done", true);
    }

    @Test
    void aFailureThatGoesAwayIsRetriedThroughARetryQueue() throws Exception {
        MessageEnvelope request = send("LP-2", "fails_twice");

        MessageEnvelope notice = answerTo(request, "dms.response.1c." + RetryNotice.MESSAGE_TYPE);
        MessageEnvelope answer = answerTo(request, "dms.response.1c.fails_twice");

        assertThat(notice.payload()).containsEntry("attempts", 2);
        assertThat(answer.payload()).containsEntry("done", true);
        assertThat(this.listener.attemptsOf(request.messageId())).isEqualTo(3);
    }

    @Test
    void aFailureThatStaysIsDeadLetteredAndTheRequesterIsAnswered() throws Exception {
        MessageEnvelope request = send("LP-3", "always_fails");

        MessageEnvelope error = answerTo(request, "dms.response.1c.error");

        assertThat(error.payload()).containsEntry("reason", "Downstream still unavailable");
        assertThat(this.vhost.awaitOnlyMessageHeader(HubTopology.DMS_DEAD_LETTER_QUEUE, DeadLetterHeaders.FAILURE_KIND))
                .isEqualTo(DeadLetterHeaders.RETRIES_EXHAUSTED);
    }

    @Test
    void publishingAsAnotherSystemFails() {
        MessageEnvelope forged = MessageEnvelope.request("LP-4", "CRM", "1C", "update_order_status", Map.of());

        assertThatThrownBy(() -> this.publisher.publish(RoutingKey.response("crm", "1c", "x"), forged))
                .isInstanceOf(PublishException.class);
        // the application goes on publishing as itself
        this.publisher.publish(
                RoutingKey.response("dms", "1c", "create_user"),
                MessageEnvelope.request("LP-5", "DMS", "1C", "create_user", Map.of()));
    }

    private MessageEnvelope send(String requestId, String type) throws Exception {
        MessageEnvelope request = MessageEnvelope.request(requestId, "1C", "DMS", type, Map.of());
        this.vhost
                .client("onec")
                .publishEnvelope(
                        HubTopology.EXCHANGE,
                        request.requestKey().toString(),
                        this.jsonMapper.writeValueAsBytes(request));
        return request;
    }

    /** Reads 1c_queue as the 1C adapter's user until the answer with this routing key arrives. */
    private MessageEnvelope answerTo(MessageEnvelope request, String routingKey) {
        GetResponse answer = this.vhost
                .client("onec")
                .receive(
                        HubTopology.ONEC_QUEUE,
                        AppClient.withRequestId(request.requestId())
                                .and(response ->
                                        routingKey.equals(response.getEnvelope().getRoutingKey())),
                        other -> this.listener.unclaimed.add(new String(other.getBody(), StandardCharsets.UTF_8)));
        return this.jsonMapper.readValue(answer.getBody(), MessageEnvelope.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class DmsOnlyApplication {

        @Bean
        DmsListener dmsListener(MessagePublisher publisher) {
            return new DmsListener(publisher);
        }
    }

    /** Consumes dms_queue only, as the DMS adapter does, and answers what it processed. */
    static class DmsListener {

        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        final List<String> unclaimed = new CopyOnWriteArrayList<>();

        private final MessagePublisher publisher;

        DmsListener(MessagePublisher publisher) {
            this.publisher = publisher;
        }

        @RabbitListener(queues = HubTopology.DMS_QUEUE)
        void onMessage(@Payload MessageEnvelope request) {
            int attempt = this.attempts
                    .computeIfAbsent(request.messageId(), id -> new AtomicInteger())
                    .incrementAndGet();
            if ("always_fails".equals(request.messageType())) {
                throw new IllegalStateException("Downstream still unavailable");
            }
            if ("fails_twice".equals(request.messageType()) && attempt <= 2) {
                throw new IllegalStateException("Downstream unavailable (attempt " + attempt + ")");
            }
            MessageEnvelope answer = request.reply("DMS", request.messageType(), Map.of("done", true));
            this.publisher.publish(answer.responseKey(), answer);
        }

        int attemptsOf(String messageId) {
            AtomicInteger count = this.attempts.get(messageId);
            return count == null ? 0 : count.get();
        }
    }
}
