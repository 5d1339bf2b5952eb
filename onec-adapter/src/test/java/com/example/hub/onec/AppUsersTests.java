package com.example.hub.onec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import com.example.hub.testsupport.BrokerUser;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 1C adapter under least privilege, as compose runs it: with its own broker user (the permissions of {@code
 * docker/rabbitmq/app-permissions.conf}) it publishes 1C's request, which the DMS adapter's user reads and answers, and
 * records the answer from {@code 1c_queue}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:onec-app-users-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            "spring.rabbitmq.listener.simple.retry.max-interval=200ms"
        })
@BrokerTest(user = "onec")
class AppUsersTests {

    @LocalServerPort
    int port;

    @Autowired
    BrokerTestVirtualHost virtualHost;

    @Autowired
    JsonMapper jsonMapper;

    private Connection connection;

    private Channel dms;

    @BeforeEach
    void connectAsTheDmsAdapter() throws Exception {
        BrokerUser user = this.virtualHost.newUser("dms");
        this.connection = user.connectionFactory(this.virtualHost.broker(), this.virtualHost.name())
                .newConnection();
        this.dms = this.connection.createChannel();
        this.dms.confirmSelect();
    }

    @AfterEach
    void close() throws Exception {
        this.connection.close();
    }

    @Test
    void aRequestIsPublishedAsThe1cUserAndItsAnswerCompletesIt() throws Exception {
        AdapterHttp adapter = AdapterHttp.at(this.port);
        String requestId = "USERS-" + UUID.randomUUID();

        HttpReply reply = adapter.post("/send_to_dms", """
                {"request_id": "%s", "user_id": "U-77", "name": "Least Privilege", "email": "lp@example.com"}
                """.formatted(requestId));

        assertThat(reply.status()).isEqualTo(HttpStatus.ACCEPTED);
        GetResponse delivered = await().atMost(Duration.ofSeconds(10))
                .until(() -> this.dms.basicGet(HubTopology.DMS_QUEUE, true), got -> got != null);
        assertThat(delivered.getEnvelope().getRoutingKey()).startsWith("1c.request.dms.");
        MessageEnvelope request = this.jsonMapper.readValue(delivered.getBody(), MessageEnvelope.class);
        MessageEnvelope answer =
                request.reply("DMS", "user_created", Map.of("status", "success", "dms_user_id", "DMS-77"));
        this.dms.basicPublish(
                HubTopology.EXCHANGE,
                answer.responseKey().toString(),
                true,
                new AMQP.BasicProperties.Builder()
                        .contentType("application/json")
                        .deliveryMode(2)
                        .messageId(answer.messageId())
                        .correlationId(answer.requestId())
                        .build(),
                this.jsonMapper.writeValueAsBytes(answer));
        this.dms.waitForConfirmsOrDie(5000);

        adapter.awaitState(requestId, "COMPLETED");
    }
}
