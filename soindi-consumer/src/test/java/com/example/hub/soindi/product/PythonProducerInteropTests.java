package com.example.hub.soindi.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import com.example.hub.testsupport.PythonExample;
import com.example.hub.testsupport.RabbitManagement;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The events of the Python producer ({@code examples/python/odoo_event_producer.py}) are applied by SOINDI. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "spring.datasource.url=jdbc:h2:mem:soindi-python-tests;DB_CLOSE_DELAY=-1")
@BrokerTest
class PythonProducerInteropTests {

    @Autowired
    ProductStore store;

    @Autowired
    BrokerTestVirtualHost virtualHost;

    @Autowired
    JsonMapper jsonMapper;

    @Test
    void eventsThePythonProducerPublishesToTheExchangeAreApplied() {
        List<JsonNode> sent =
                runProducer("--count", "5", "--product-id", "PROD-PY", "--name", "From Python", "--price", "42.50");

        assertThat(sent).hasSize(5);
        String lastEventId = sent.get(4).get("eventId").asString();
        Product product = await().until(
                        () -> this.store.find("PROD-PY"),
                        found -> found.map(p -> p.lastEventId().equals(lastEventId))
                                .orElse(false))
                .orElseThrow();
        assertThat(product.name()).isEqualTo("From Python");
        assertThat(product.price()).isEqualTo(new BigDecimal("42.5"));
        assertThat(sent)
                .allSatisfy(event -> assertThat(
                                this.store.findAppliedEvent(event.get("eventId").asString()))
                        .isPresent());

        List<JsonNode> deleted = runProducer("--event-type", "deleted", "--product-id", "PROD-PY");

        String deletionId = deleted.get(0).get("eventId").asString();
        await().until(() -> this.store.find("PROD-PY").map(Product::deleted).orElse(false));
        assertThat(this.store.find("PROD-PY").orElseThrow().lastEventId()).isEqualTo(deletionId);
    }

    @Test
    void eventsThePythonProducerPublishesStraightToTheQueueAreApplied() {
        List<JsonNode> sent = runProducer(
                "--direct", "--event-type", "PRODUCT_CREATED", "--product-id", "PROD-PY-DIRECT", "--price", "7");

        assertThat(sent).hasSize(1);
        Product product = await().until(() -> this.store.find("PROD-PY-DIRECT"), found -> found.isPresent())
                .orElseThrow();
        assertThat(product.lastEventId()).isEqualTo(sent.get(0).get("eventId").asString());
        assertThat(product.price()).isEqualTo(new BigDecimal("7"));
        assertThat(RabbitManagement.declaredArguments(this.virtualHost.queue(HubTopology.ODOO_EVENTS_QUEUE)))
                .isEmpty();
    }

    /** Runs the Python producer against this test's virtual host and returns the events it sent. */
    private List<JsonNode> runProducer(String... arguments) {
        PythonExample producer = PythonExample.start(
                "odoo_event_producer.py", this.virtualHost.broker(), this.virtualHost.name(), arguments);
        assertThat(producer.waitFor(Duration.ofSeconds(60)))
                .as("exit code of odoo_event_producer.py; its output:%n%s", producer.output())
                .isZero();
        return producer.linesStartingWith("sent ").stream()
                .map(line -> this.jsonMapper.readTree(line.substring(line.indexOf(' ') + 1)))
                .toList();
    }
}
