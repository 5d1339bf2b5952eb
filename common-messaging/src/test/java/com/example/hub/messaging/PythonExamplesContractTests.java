package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.schema.MessageSchemas;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import com.example.hub.testsupport.PythonExample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract across languages: what the Python example producer of Odoo events ({@code
 * examples/python/odoo_event_producer.py}) publishes, to the exchange and straight to the queue as older clients do,
 * arrives in {@code odoo_events} as events that the product event's schema accepts, of every type.
 */
@SpringBootTest(
        classes = MessagingTestApplication.class,
        properties = {
            "spring.application.name=python-contract-tests",
            "hub.messaging.schemas.enabled=true",
            "hub.messaging.declare-odoo-topology=true"
        })
@BrokerTest
class PythonExamplesContractTests {

    @Autowired
    BrokerTestVirtualHost virtualHost;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    MessageSchemas schemas;

    @Autowired
    JsonMapper jsonMapper;

    @Test
    void theEventsOfThePythonProducerPassTheProductEventSchema() {
        runProducer("--count", "3");
        runProducer("--event-type", "created", "--product-id", "PROD-PY-SCHEMA", "--name", "Из Python", "--price", "0");
        runProducer("--event-type", "deleted", "--product-id", "PROD-PY-SCHEMA");
        runProducer("--direct", "--event-type", "updated", "--price", "42.50");

        List<Message> received = new ArrayList<>();
        for (Message message = receive(); message != null; message = receive()) {
            received.add(message);
        }

        assertThat(received).hasSize(6);
        List<String> types = new ArrayList<>();
        for (Message message : received) {
            JsonNode event = this.jsonMapper.readTree(message.getBody());
            assertThat(this.schemas.violations(MessageSchemas.PRODUCT_EVENT, event))
                    .as("violations of %s", event)
                    .isEmpty();
            types.add(event.get("eventType").asString());
        }
        assertThat(types).contains("PRODUCT_CREATED", "PRODUCT_UPDATED", "PRODUCT_DELETED");
    }

    private Message receive() {
        return this.rabbitTemplate.receive(HubTopology.ODOO_EVENTS_QUEUE, 2000);
    }

    private void runProducer(String... arguments) {
        PythonExample producer = PythonExample.start(
                "odoo_event_producer.py", this.virtualHost.broker(), this.virtualHost.name(), arguments);
        assertThat(producer.waitFor(Duration.ofSeconds(60)))
                .as("exit code of odoo_event_producer.py; its output:%n%s", producer.output())
                .isZero();
    }
}
