package com.example.hub.soindi.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.AppClient;
import com.example.hub.testsupport.RabbitManagement;
import com.example.hub.testsupport.TemporaryVirtualHost;
import com.example.hub.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Older Odoo-side clients declare {@code odoo_events} themselves, as a plain durable queue, and publish to it through
 * the default exchange: before SOINDI ever started, and while it runs.
 */
class LegacyClientTests {

    @RegisterExtension
    final TemporaryVirtualHost virtualHost = new TemporaryVirtualHost();

    private final TestBroker broker = this.virtualHost.broker();

    private SoindiInstance soindi;

    @Test
    void aQueueDeclaredByALegacyClientBeforeSoindiStartedIsConsumedAndCanBeDeclaredAgainLater() throws Exception {
        String vhost = this.virtualHost.create("soindi-legacy-first");
        try (Connection connection = this.broker.connectionFactory(vhost).newConnection()) {
            Channel channel = connection.createChannel();
            channel.queueDeclare(HubTopology.ODOO_EVENTS_QUEUE, true, false, false, null);
            publishDirectly(channel, "evt-before-soindi", "PROD-LEGACY-EARLY", "2025-05-20T10:00:00Z");

            this.soindi = this.virtualHost.closeAfterTest(SoindiInstance.start(
                    this.broker,
                    vhost,
                    "jdbc:h2:mem:soindi-legacy-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "legacy-tests"));

            await().until(() -> this.soindi.store().find("PROD-LEGACY-EARLY").isPresent());
            // the client restarts while SOINDI runs: its declaration still matches SOINDI's
            Channel again = connection.createChannel();
            AMQP.Queue.DeclareOk declared = again.queueDeclare(HubTopology.ODOO_EVENTS_QUEUE, true, false, false, null);
            assertThat(declared.getConsumerCount()).isOne();
            publishDirectly(again, "evt-after-soindi", "PROD-LEGACY-LATE", "2025-05-20T11:00:00Z");
        }

        Product late = await().until(() -> this.soindi.store().find("PROD-LEGACY-LATE"), found -> found.isPresent())
                .orElseThrow();
        assertThat(late.lastEventId()).isEqualTo("evt-after-soindi");
        assertThat(late.lastEventTimestamp()).isEqualTo(Instant.parse("2025-05-20T11:00:00Z"));
        JsonNode queue = this.broker.management().queue(vhost, HubTopology.ODOO_EVENTS_QUEUE);
        assertThat(RabbitManagement.declaredArguments(queue)).isEmpty();
        assertThat(queue.get("durable").asBoolean()).isTrue();
        assertThat(this.broker.management().bindings(vhost, HubTopology.ODOO_EVENTS_QUEUE))
                .anySatisfy(binding -> {
                    assertThat(binding.get("source").asString()).isEqualTo(HubTopology.ODOO_EVENTS_EXCHANGE);
                    assertThat(binding.get("routing_key").asString()).isEqualTo("product.#");
                });
    }

    private static void publishDirectly(Channel channel, String eventId, String productId, String timestamp)
            throws Exception {
        String json = """
                {"eventId": "%s", "eventType": "PRODUCT_CREATED", "timestamp": "%s",
                 "payload": {"productId": "%s", "name": "Legacy", "price": 3.5}}
                """.formatted(eventId, timestamp, productId);
        channel.confirmSelect();
        channel.basicPublish(
                "",
                HubTopology.ODOO_EVENTS_QUEUE,
                AppClient.JSON.builder().messageId(eventId).build(),
                json.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(10_000);
    }
}
