package com.example.hub.dms;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.AppClient;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import com.rabbitmq.client.GetResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DMS adapter under least privilege, as compose runs it: it connects with its own broker user (the permissions of
 * {@code docker/rabbitmq/app-permissions.conf}) to the shared topology an administrator declared; 1C's requests come
 * from, and the answers go to, the 1C adapter's user.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:dms-app-users-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            "spring.rabbitmq.listener.simple.retry.max-interval=200ms",
            "hub.messaging.retry.give-up-after=0s"
        })
@BrokerTest(user = "dms")
class AppUsersTests {

    @Autowired
    BrokerTestVirtualHost virtualHost;

    @Autowired
    JsonMapper jsonMapper;

    @Test
    void aRequestOf1cIsAnsweredUnderTheAppsOwnUsers() throws Exception {
        MessageEnvelope request =
                createUser(Map.of("user_id", "U-900", "name", "Olga Least", "email", "olga@example.com"));

        send(request);

        GetResponse answer = answerTo(request);
        assertThat(answer.getEnvelope().getRoutingKey()).isEqualTo("dms.response.1c.user_created");
        assertThat(this.jsonMapper
                        .readValue(answer.getBody(), MessageEnvelope.class)
                        .payload())
                .containsEntry("status", "success");
    }

    @Test
    void anInvalidRequestIsDeadLetteredAndAnsweredWithAnError() throws Exception {
        MessageEnvelope request = createUser(Map.of("user_id", "U-901", "name", "No Mail"));

        send(request);

        GetResponse answer = answerTo(request);
        assertThat(answer.getEnvelope().getRoutingKey()).isEqualTo("dms.response.1c.error");
        assertThat(this.virtualHost.awaitOnlyMessageHeader(
                        HubTopology.DMS_DEAD_LETTER_QUEUE, DeadLetterHeaders.FAILURE_KIND))
                .isEqualTo(DeadLetterHeaders.PERMANENT);
    }

    /** 1C's request to create a user, under a new request id. */
    private static MessageEnvelope createUser(Map<String, Object> payload) {
        return MessageEnvelope.request("REQ-" + UUID.randomUUID(), "1C", "DMS", "create_user", payload);
    }

    private void send(MessageEnvelope request) throws Exception {
        onec().publishEnvelope(
                        HubTopology.EXCHANGE,
                        request.requestKey().toString(),
                        this.jsonMapper.writeValueAsBytes(request));
    }

    /** The 1C adapter, as its broker user. */
    private AppClient onec() {
        return this.virtualHost.client("onec");
    }

    /** The answer in 1c_queue, read as the 1C adapter's user. */
    private GetResponse answerTo(MessageEnvelope request) {
        return onec().receive(HubTopology.ONEC_QUEUE, AppClient.withRequestId(request.requestId()));
    }
}
