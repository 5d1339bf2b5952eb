package com.example.hub.soindi.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.health.HubMessagingHealthIndicator;
import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.AppClient;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SOINDI under least privilege, as compose runs it: it connects with its own broker user (the permissions of {@code
 * docker/rabbitmq/app-permissions.conf}) to the shared topology an administrator declared, and declares only its
 * retry queues; the events come from the Odoo producer's user, which may publish product events only.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:soindi-app-users-tests;DB_CLOSE_DELAY=-1",
            "soindi.instance-id=app-users-tests",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            "spring.rabbitmq.listener.simple.retry.max-interval=200ms",
            "hub.messaging.retry.delays=200ms",
            "hub.messaging.retry.give-up-after=1s"
        })
@BrokerTest(user = "soindi")
class AppUsersTests {

    @Autowired
    BrokerTestVirtualHost virtualHost;

    @Autowired
    ProductStore store;

    @Autowired
    JsonMapper jsonMapper;

    @Autowired
    HubMessagingHealthIndicator health;

    @Test
    void soindiDeclaredOnlyTheRetryQueueOfItsQueueAndIsReady() {
        assertThat(this.virtualHost
                        .broker()
                        .management()
                        .queueExists(this.virtualHost.name(), "odoo_events.retry.200ms"))
                .isTrue();
        assertThat(this.health.health(true).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void anEventOfTheOdooProducersUserIsApplied() throws Exception {
        ProductEvent event =
                Events.created("PROD-USERS-1", "Least privilege", "4.20", Instant.parse("2025-06-01T10:00:00Z"));

        publish(event.eventType().routingKey(), this.jsonMapper.writeValueAsBytes(event));

        Product product = await().atMost(Duration.ofSeconds(10))
                .until(() -> this.store.find("PROD-USERS-1"), found -> found.isPresent())
                .orElseThrow();
        assertThat(product.lastEventId()).isEqualTo(event.eventId());
    }

    @Test
    void anInvalidEventIsDeadLetteredThroughTheDeadLetterExchange() throws Exception {
        String json = "{\"eventId\": \"evt-users-bad\", \"eventType\": \"PRODUCT_UPDATED\"}";

        publish("product.product_updated", json.getBytes(StandardCharsets.UTF_8));

        List<JsonNode> dead = this.virtualHost.awaitMessages(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE);
        assertThat(dead)
                .singleElement()
                .satisfies(message ->
                        assertThat(message.path("payload").asString()).isEqualTo(json));
    }

    private void publish(String routingKey, byte[] body) throws Exception {
        this.virtualHost.client("odoo").publish(HubTopology.ODOO_EVENTS_EXCHANGE, routingKey, AppClient.JSON, body);
    }
}
