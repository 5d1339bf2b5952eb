package com.example.hub.console.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.AppClient;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import com.example.hub.testsupport.security.TestApiKeys;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The console under least privilege, as compose runs it: its own broker user (the {@code console} lines of {@code
 * docker/rabbitmq/app-permissions.conf}) on the shared topology an administrator declared. A request that the DMS
 * adapter's user rejects is dead-lettered by the broker itself (with {@code x-death}, without the hub's headers); the
 * console stores it and replays it to {@code main_exchange} with its original routing key.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:console-app-user-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
@BrokerTest(user = "console")
class ConsoleAppUserTests {

    private static final String ROUTING_KEY = "1c.request.dms.create_user";

    @Autowired
    BrokerTestVirtualHost virtualHost;

    @LocalServerPort
    int port;

    @Test
    void aDeadLetterOfTheBrokerIsStoredAndReplayedUnderTheConsolesOwnUser() throws Exception {
        AppClient onec = this.virtualHost.client("onec");
        AppClient dms = this.virtualHost.client("dms");
        String messageId = "msg-" + UUID.randomUUID();
        String body = "{\"request_id\":\"REQ-" + messageId + "\",\"message_type\":\"create_user\",\"payload\":{}}";
        onec.publish(
                HubTopology.EXCHANGE,
                ROUTING_KEY,
                AppClient.JSON
                        .builder()
                        .messageId(messageId)
                        .headers(Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                        .build(),
                body.getBytes(StandardCharsets.UTF_8));
        GetResponse request = await().atMost(Duration.ofSeconds(10))
                .until(() -> dms.channel().basicGet(HubTopology.DMS_QUEUE, false), response -> response != null);
        // rejected without requeue: the broker dead-letters it to dms_dead_letter_queue
        dms.channel().basicReject(request.getEnvelope().getDeliveryTag(), false);

        ConsoleApi operator = new ConsoleApi(this.port, TestApiKeys.OPERATOR_KEY);
        JsonNode stored = operator.awaitDeadLetter(messageId, Duration.ofSeconds(15));
        assertThat(stored.path("queue").asString()).isEqualTo(HubTopology.DMS_DEAD_LETTER_QUEUE);
        assertThat(stored.path("exchange").asString()).isEqualTo(HubTopology.EXCHANGE);
        assertThat(stored.path("routing_key").asString()).isEqualTo(ROUTING_KEY);
        assertThat(stored.path("failure_kind").asString()).isEqualTo("broker-rejected");
        assertThat(stored.path("exception_message").asString()).isEqualTo("dead-lettered by the broker: rejected");

        assertThat(operator.post("/dead-letters/" + stored.path("id").asLong() + "/replay", null)
                        .status())
                .isEqualTo(200);

        GetResponse replayed = await().atMost(Duration.ofSeconds(10))
                .until(() -> dms.channel().basicGet(HubTopology.DMS_QUEUE, true), response -> response != null);
        assertThat(replayed.getProps().getMessageId()).isEqualTo(messageId);
        assertThat(replayed.getEnvelope().getExchange()).isEqualTo(HubTopology.EXCHANGE);
        assertThat(replayed.getEnvelope().getRoutingKey()).isEqualTo(ROUTING_KEY);
        assertThat(replayed.getProps().getHeaders()).containsKey("traceparent").doesNotContainKey("x-death");
        assertThat(new String(replayed.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
        // nothing left in the dead-letter queue: the console took it
        assertThat(dms.channel().messageCount(HubTopology.DMS_DEAD_LETTER_QUEUE))
                .isZero();
    }
}
