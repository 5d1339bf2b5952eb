package com.example.hub.dms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import com.example.hub.testsupport.BrokerUser;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
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

    private Connection connection;

    private Channel onec;

    @BeforeEach
    void connectAsThe1cAdapter() throws Exception {
        BrokerUser user = this.virtualHost.newUser("onec");
        this.connection = user.connectionFactory(this.virtualHost.broker(), this.virtualHost.name())
                .newConnection();
        this.onec = this.connection.createChannel();
        this.onec.confirmSelect();
    }

    @AfterEach
    void close() throws Exception {
        this.connection.close();
    }

    @Test
    void aRequestOf1cIsAnsweredUnderTheAppsOwnUsers() throws Exception {
        MessageEnvelope request = MessageEnvelope.request(
                "REQ-" + UUID.randomUUID(),
                "1C",
                "DMS",
                "create_user",
                Map.of("user_id", "U-900", "name", "Olga Least", "email", "olga@example.com"));

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
        MessageEnvelope request = MessageEnvelope.request(
                "REQ-" + UUID.randomUUID(), "1C", "DMS", "create_user", Map.of("user_id", "U-901", "name", "No Mail"));

        send(request);

        GetResponse answer = answerTo(request);
        assertThat(answer.getEnvelope().getRoutingKey()).isEqualTo("dms.response.1c.error");
        List<JsonNode> dead = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> this.virtualHost
                                .broker()
                                .management()
                                .peek(this.virtualHost.name(), HubTopology.DMS_DEAD_LETTER_QUEUE, 10),
                        messages -> !messages.isEmpty());
        assertThat(dead)
                .singleElement()
                .satisfies(message -> assertThat(message.path("properties")
                                .path("headers")
                                .path(DeadLetterHeaders.FAILURE_KIND)
                                .asString())
                        .isEqualTo(DeadLetterHeaders.PERMANENT));
    }

    private void send(MessageEnvelope request) throws Exception {
        this.onec.basicPublish(
                HubTopology.EXCHANGE,
                request.requestKey().toString(),
                true,
                new AMQP.BasicProperties.Builder()
                        .contentType("application/json")
                        .deliveryMode(2)
                        .messageId(request.messageId())
                        .correlationId(request.requestId())
                        .build(),
                this.jsonMapper.writeValueAsBytes(request));
        this.onec.waitForConfirmsOrDie(5000);
    }

    /** The answer in 1c_queue, read as the 1C adapter's user. */
    private GetResponse answerTo(MessageEnvelope request) {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> {
                            GetResponse response;
                            while ((response = this.onec.basicGet(HubTopology.ONEC_QUEUE, true)) != null) {
                                MessageEnvelope envelope =
                                        this.jsonMapper.readValue(response.getBody(), MessageEnvelope.class);
                                if (request.requestId().equals(envelope.requestId())) {
                                    return response;
                                }
                            }
                            return null;
                        },
                        answer -> answer != null);
    }
}
