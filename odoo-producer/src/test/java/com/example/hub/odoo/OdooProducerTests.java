package com.example.hub.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The producer's run at startup, as its command line asked, and further runs of its runner, against the broker. */
@SpringBootTest(
        properties = "spring.main.web-application-type=none",
        args = {"--count=5", "--product-id=PROD-STARTUP", "--name=Startup product", "--price=199.99"})
@BrokerTest
@ExtendWith(OutputCaptureExtension.class)
class OdooProducerTests {

    private static final long RECEIVE_TIMEOUT = 10_000;

    @Autowired
    ProducerRunner runner;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    AmqpAdmin amqpAdmin;

    @Autowired
    JsonMapper jsonMapper;

    @Autowired
    BrokerTestVirtualHost virtualHost;

    @Test
    void publishesTheEventsOfItsCommandLineWithTheJsonAndPropertiesOdooClientsUse(CapturedOutput output) {
        assertThat(this.runner.getExitCode()).isEqualTo(ProducerRunner.ALL_CONFIRMED);
        // odoo_events is declared by the producer itself: the events wait there for SOINDI
        List<Message> messages = new ArrayList<>();
        for (Message message = this.rabbitTemplate.receive(HubTopology.ODOO_EVENTS_QUEUE, RECEIVE_TIMEOUT);
                message != null;
                message = this.rabbitTemplate.receive(HubTopology.ODOO_EVENTS_QUEUE, 1000)) {
            if (json(message).get("payload").get("productId").asString().equals("PROD-STARTUP")) {
                messages.add(message);
            }
        }

        assertThat(messages).hasSize(5);
        Instant previous = Instant.EPOCH;
        for (Message message : messages) {
            JsonNode event = json(message);
            assertThat(fieldNames(event)).containsExactlyInAnyOrder("eventId", "eventType", "timestamp", "payload");
            assertThat(fieldNames(event.get("payload"))).containsExactlyInAnyOrder("productId", "name", "price");
            assertThat(event.get("eventId").asString()).startsWith("evt-");
            assertThat(event.get("eventType").asString()).isEqualTo("PRODUCT_UPDATED");
            assertThat(event.get("payload").get("name").asString()).isEqualTo("Startup product");
            assertThat(event.get("payload").get("price").isNumber()).isTrue();
            assertThat(event.get("payload").get("price").decimalValue()).isEqualByComparingTo(new BigDecimal("199.99"));
            Instant timestamp = Instant.parse(event.get("timestamp").asString());
            assertThat(timestamp).as("events of a run are in order").isAfter(previous);
            previous = timestamp;

            MessageProperties properties = message.getMessageProperties();
            assertThat(properties.getContentType()).isEqualTo("application/json");
            assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
            assertThat(properties.getMessageId()).isEqualTo(event.get("eventId").asString());
            assertThat(properties.getType()).isEqualTo("PRODUCT_UPDATED");
            assertThat(properties.getTimestamp()).isNotNull();
            assertThat(properties.getReceivedExchange()).isEqualTo(HubTopology.ODOO_EVENTS_EXCHANGE);
            assertThat(properties.getReceivedRoutingKey()).isEqualTo("product.product_updated");
            assertThat(properties.getHeaders()).doesNotContainKeys("__TypeId__");
            assertThat(output.getOut()).contains("confirmed product.product_updated " + new String(message.getBody()));
        }
        assertThat(output.getOut())
                .contains("Published 5 product event(s) to odoo_events_exchange on ")
                .contains("virtual host '" + this.virtualHost.name() + "': all confirmed");
    }

    @Test
    void publishesManyEventsWithoutWaitingBetweenThemAndWaitsForEveryConfirm(CapturedOutput output) {
        String queue = subscriberQueue("many");

        int exitCode = this.runner.execute(new DefaultApplicationArguments("--count=300"));

        assertThat(exitCode).isEqualTo(ProducerRunner.ALL_CONFIRMED);
        assertThat(output.getOut()).contains("Published 300 product event(s)");
        Set<String> eventIds = Stream.generate(() -> this.rabbitTemplate.receive(queue, RECEIVE_TIMEOUT))
                .limit(300)
                .map(message -> {
                    assertThat(message).as("an event").isNotNull();
                    assertThat(message.getMessageProperties().getMessageId())
                            .isEqualTo(json(message).get("eventId").asString());
                    return message.getMessageProperties().getMessageId();
                })
                .collect(Collectors.toSet());
        assertThat(eventIds).hasSize(300);
        assertThat(this.rabbitTemplate.receive(queue, 500)).isNull();
    }

    @Test
    void aDeletedProductEventCarriesOnlyTheProductId() {
        String queue = subscriberQueue("deleted");

        int exitCode =
                this.runner.execute(new DefaultApplicationArguments("--event-type=deleted", "--product-id=PROD-GONE"));

        assertThat(exitCode).isEqualTo(ProducerRunner.ALL_CONFIRMED);
        Message message = this.rabbitTemplate.receive(queue, RECEIVE_TIMEOUT);
        assertThat(message).isNotNull();
        assertThat(message.getMessageProperties().getReceivedRoutingKey()).isEqualTo("product.product_deleted");
        assertThat(message.getMessageProperties().getType()).isEqualTo("PRODUCT_DELETED");
        JsonNode event = json(message);
        assertThat(event.get("eventType").asString()).isEqualTo("PRODUCT_DELETED");
        assertThat(fieldNames(event.get("payload"))).containsExactly("productId");
        assertThat(event.get("payload").get("productId").asString()).isEqualTo("PROD-GONE");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"--count=0", "--count=many", "--event-type=PRODUCT_EXPLODED", "--price=-1", "--price=cheap"})
    void invalidArgumentsPublishNothingAndExitWithTwo(String argument, CapturedOutput output) {
        String queue = subscriberQueue("invalid");

        int exitCode = this.runner.execute(new DefaultApplicationArguments(argument));

        assertThat(exitCode).isEqualTo(ProducerRunner.INVALID_ARGUMENTS);
        assertThat(output.getErr()).contains("Invalid arguments: ").contains("Usage: ");
        assertThat(this.rabbitTemplate.receive(queue, 300)).isNull();
    }

    @Test
    void theApplicationExitsWithZeroOnceTheBrokerConfirmedEveryEvent(CapturedOutput output) {
        String queue = subscriberQueue("main");

        int exitCode = OdooProducerApplication.run(ProducerRuns.arguments(
                this.virtualHost.broker(), this.virtualHost.name(), "--count=3", "--product-id=PROD-MAIN"));

        assertThat(exitCode).isZero();
        for (int i = 0; i < 3; i++) {
            Message message = this.rabbitTemplate.receive(queue, RECEIVE_TIMEOUT);
            assertThat(message).isNotNull();
            assertThat(json(message).get("payload").get("productId").asString()).isEqualTo("PROD-MAIN");
        }
        assertThat(output.getOut()).contains("Published 3 product event(s)");
    }

    /** A queue of another subscriber, such as a data warehouse, bound by the test: it gets every event. */
    private String subscriberQueue(String name) {
        Queue queue = new Queue("test_subscriber_" + name, false, false, false);
        this.amqpAdmin.declareQueue(queue);
        this.amqpAdmin.purgeQueue(queue.getName(), false);
        this.amqpAdmin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange(HubTopology.ODOO_EVENTS_EXCHANGE))
                .with(HubTopology.ODOO_PRODUCT_ROUTING_KEY_PREFIX + "#"));
        return queue.getName();
    }

    private JsonNode json(Message message) {
        return this.jsonMapper.readTree(message.getBody());
    }

    private static List<String> fieldNames(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }
}
