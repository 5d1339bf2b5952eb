package com.example.hub.console.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.failure.DeadLetterRecoverer;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import com.example.hub.testsupport.LocalPostgres;
import com.example.hub.testsupport.QueueMessages;
import com.example.hub.testsupport.security.TestApiKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The ledger on PostgreSQL (a server of the test's own), and what happens to a dead letter while that database is
 * down: it is not acknowledged, so it stays in its queue, held by the console, until the database is back and its row
 * committed (given back to the queue after {@code hold-at-most} and taken again meanwhile); then it is in the ledger
 * once and the queue is empty.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.messaging.retry.give-up-after=0s",
            "hub.console.store-back-off=200ms",
            "hub.console.store-back-off-max=1s",
            // given back to its queue, and taken again, while the database is down
            "hub.console.hold-at-most=3s",
            // a connection to a database that is down fails at once rather than after Hikari's 30 s
            "spring.datasource.hikari.connection-timeout=1000"
        })
@BrokerTest
class LedgerDatabaseDownTests {

    private static LocalPostgres postgres;

    @Autowired
    DeadLetterRecoverer recoverer;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    BrokerTestVirtualHost virtualHost;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        postgres = LocalPostgres.start(
                Path.of("target", "console-postgres-" + UUID.randomUUID()).toAbsolutePath());
        String url = postgres.createDatabase("console");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aDeadLetterIsAcknowledgedOnlyOnceItsRowIsCommitted() {
        ConsoleApi operator = new ConsoleApi(this.port, TestApiKeys.OPERATOR_KEY);
        postgres.stop(false);
        String messageId = "msg-" + UUID.randomUUID();

        this.recoverer.recover(
                received(messageId), new IllegalStateException("Creatio answered 503 for order ORD-DOWN-1"));

        // held by the console, unacknowledged: still in the queue
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode queue = this.virtualHost.queue(HubTopology.CRM_DEAD_LETTER_QUEUE);
            assertThat(queue.path("messages_unacknowledged").asLong()).isEqualTo(1);
            assertThat(queue.path("messages").asLong()).isEqualTo(1);
        });
        // given back after hold-at-most, with a requeue, not dropped: delivered again
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(this.virtualHost
                                .queue(HubTopology.CRM_DEAD_LETTER_QUEUE)
                                .path("message_stats")
                                .path("redeliver")
                                .asLong())
                        .isPositive());
        assertThat(this.virtualHost
                        .queue(HubTopology.CRM_DEAD_LETTER_QUEUE)
                        .path("messages")
                        .asLong())
                .isEqualTo(1);
        ConsoleApi.Reply unavailable = operator.get("/dead-letters");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.body().path("title").asString()).isEqualTo("Ledger unavailable");

        postgres.startServer();

        JsonNode page = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> operator.get("/dead-letters?message_id=" + messageId)
                                .body(),
                        body -> body.path("total").asLong() == 1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(this.virtualHost
                                .queue(HubTopology.CRM_DEAD_LETTER_QUEUE)
                                .path("messages")
                                .asLong())
                        .isZero());

        // and the rest of the ledger on PostgreSQL: a group, a replay
        long id = page.path("items").get(0).path("id").asLong();
        assertThat(operator.get("/dead-letters/groups")
                        .body()
                        .get(0)
                        .path("reason_template")
                        .asString())
                .isEqualTo("Creatio answered <n> for order <id>");
        assertThat(operator.post("/dead-letters/" + id + "/replay", null).status())
                .isEqualTo(200);
        Message replayed = QueueMessages.receive(
                this.rabbitTemplate,
                HubTopology.CRM_QUEUE,
                message -> messageId.equals(message.getMessageProperties().getMessageId()),
                Duration.ofSeconds(10));
        assertThat(replayed.getMessageProperties().getReceivedRoutingKey()).isEqualTo("1c.request.crm.update_order");
    }

    private static Message received(String messageId) {
        MessageProperties properties = new MessageProperties();
        properties.setConsumerQueue(HubTopology.CRM_QUEUE);
        properties.setReceivedExchange(HubTopology.EXCHANGE);
        properties.setReceivedRoutingKey("1c.request.crm.update_order");
        properties.setMessageId(messageId);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        return new Message(
                "{\"request_id\":\"R-1\",\"message_type\":\"update_order\"}".getBytes(StandardCharsets.UTF_8),
                properties);
    }
}
