package com.example.hub.soindi.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.odoo.ProductEventType;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.AppClient;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import com.example.hub.testsupport.RabbitManagement;
import com.example.hub.testsupport.security.TestApiKeys;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SOINDI applies Odoo's product events from the real broker, and shows what it holds over HTTP. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:soindi-sync-tests;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
            "soindi.instance-id=sync-tests",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            // dead-lettered once the quick retries are spent: the delayed retries have tests of their own
            "hub.messaging.retry.give-up-after=0s",
            "spring.rabbitmq.listener.simple.retry.max-interval=200ms"
        })
@BrokerTest
class ProductEventSyncTests {

    private static final long RECEIVE_TIMEOUT = 10_000;

    @LocalServerPort
    int port;

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    AmqpAdmin amqpAdmin;

    @Autowired
    ProductStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meterRegistry;

    @Autowired
    JsonMapper jsonMapper;

    @Autowired
    BrokerTestVirtualHost virtualHost;

    RestClient http;

    @BeforeEach
    void setUp() {
        this.http = RestClient.builder()
                .baseUrl("http://localhost:" + this.port)
                .defaultHeader(TestApiKeys.HEADER, TestApiKeys.READER_KEY)
                .build();
        this.jdbc.sql(FlakyStoreTrigger.CREATE).update();
    }

    @AfterEach
    void deadLetterQueueHoldsNothingElse() {
        assertThat(this.rabbitTemplate.receive(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE))
                .isNull();
    }

    @Test
    void anEventOfOdooIsAppliedAndShownOverHttp() {
        ProductEvent event = Events.updated("PROD-98765", "New Product Name", "199.99", Instant.now());

        Events.publish(this.publisher, event);

        JsonNode product = await().until(() -> getProduct("PROD-98765"), json -> json != null);
        assertThat(product.get("productId").asString()).isEqualTo("PROD-98765");
        assertThat(product.get("name").asString()).isEqualTo("New Product Name");
        assertThat(product.get("price").decimalValue()).isEqualTo(new BigDecimal("199.99"));
        assertThat(product.get("deleted").asBoolean()).isFalse();
        assertThat(product.get("lastEventId").asString()).isEqualTo(event.eventId());
        assertThat(Instant.parse(product.get("lastEventTimestamp").asString()))
                .isEqualTo(event.timestamp().truncatedTo(ChronoUnit.MICROS));
        assertThat(this.store.findAppliedEvent(event.eventId())).hasValueSatisfying(applied -> {
            assertThat(applied.outcome()).isEqualTo(ApplyOutcome.APPLIED);
            assertThat(applied.instanceId()).isEqualTo("sync-tests");
            assertThat(applied.productId()).isEqualTo("PROD-98765");
        });
        JsonNode all = this.http.get().uri("/products").retrieve().body(JsonNode.class);
        assertThat(all.valueStream().map(node -> node.get("productId").asString()))
                .contains("PROD-98765");
    }

    @Test
    void isReadyOnceItConsumesItsQueue() {
        JsonNode readiness =
                this.http.get().uri("/actuator/health/readiness").retrieve().body(JsonNode.class);

        assertThat(readiness.get("status").asString()).isEqualTo("UP");
    }

    @Test
    void anUnknownProductIsNotFoundWithAProblemBody() {
        assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
                .isThrownBy(() -> this.http
                        .get()
                        .uri("/products/{id}", "PROD-UNKNOWN")
                        .retrieve()
                        .body(String.class))
                .satisfies(notFound -> {
                    assertThat(notFound.getResponseHeaders().getContentType())
                            .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                    JsonNode problem = this.jsonMapper.readTree(notFound.getResponseBodyAsString());
                    assertThat(problem.get("status").asInt()).isEqualTo(404);
                    assertThat(problem.get("detail").asString()).isEqualTo("SOINDI holds no product 'PROD-UNKNOWN'");
                    assertThat(problem.get("productId").asString()).isEqualTo("PROD-UNKNOWN");
                });
    }

    @Test
    void createdUpdatedAndDeletedEventsChangeTheProductInTurn() {
        Instant start = Instant.now();
        Events.publish(this.publisher, Events.created("PROD-LIFE", "Lamp", "20", start));
        Events.publish(this.publisher, Events.updated("PROD-LIFE", "Desk lamp", "25.50", start.plusSeconds(1)));
        ProductEvent deleted = Events.deleted("PROD-LIFE", start.plusSeconds(2));
        Events.publish(this.publisher, deleted);

        Product product = await().until(
                        () -> this.store.find("PROD-LIFE"),
                        found -> found.map(Product::deleted).orElse(false))
                .orElseThrow();
        assertThat(product.name()).isEqualTo("Desk lamp");
        assertThat(product.price()).isEqualTo(new BigDecimal("25.5"));
        assertThat(product.lastEventId()).isEqualTo(deleted.eventId());
    }

    @Test
    void aDuplicateEventChangesNothing() {
        Instant now = Instant.now();
        ProductEvent original = Events.created("PROD-DUP", "Original", "10.00", now);
        Events.publish(this.publisher, original);
        await().until(() -> this.store.find("PROD-DUP").isPresent());
        double duplicatesBefore = counter("duplicate");

        // the same event id again, even with other content: a redelivery, or a client that sent twice
        Events.publish(
                this.publisher,
                Events.withId(Events.updated("PROD-DUP", "Changed", "99.00", now.plusSeconds(60)), original.eventId()));
        Events.publish(this.publisher, Events.created("PROD-DUP-MARKER", "Marker", "1", now));
        await().until(() -> this.store.find("PROD-DUP-MARKER").isPresent());

        Product product = this.store.find("PROD-DUP").orElseThrow();
        assertThat(product.name()).isEqualTo("Original");
        assertThat(product.price()).isEqualTo(new BigDecimal("10"));
        assertThat(product.lastEventId()).isEqualTo(original.eventId());
        assertThat(this.store.findAppliedEvent(original.eventId()))
                .hasValueSatisfying(
                        applied -> assertThat(applied.eventType()).isEqualTo(ProductEventType.PRODUCT_CREATED));
        assertThat(counter("duplicate")).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void anOutOfDateEventChangesNothingAndIsRecordedAsStale() {
        Instant now = Instant.now();
        ProductEvent newer = Events.updated("PROD-ORDER", "Newer", "30", now);
        Events.publish(this.publisher, newer);
        await().until(() -> this.store.find("PROD-ORDER").isPresent());

        ProductEvent older = Events.updated("PROD-ORDER", "Older", "20", now.minusSeconds(3600));
        Events.publish(this.publisher, older);
        ProductEvent olderDeletion = Events.deleted("PROD-ORDER", now.minusSeconds(1));
        Events.publish(this.publisher, olderDeletion);

        await().until(() -> this.store.findAppliedEvent(olderDeletion.eventId()).isPresent());
        assertThat(this.store.findAppliedEvent(older.eventId()))
                .hasValueSatisfying(applied -> assertThat(applied.outcome()).isEqualTo(ApplyOutcome.STALE));
        assertThat(this.store.findAppliedEvent(olderDeletion.eventId()))
                .hasValueSatisfying(applied -> assertThat(applied.outcome()).isEqualTo(ApplyOutcome.STALE));
        Product product = this.store.find("PROD-ORDER").orElseThrow();
        assertThat(product.name()).isEqualTo("Newer");
        assertThat(product.deleted()).isFalse();
        assertThat(product.lastEventId()).isEqualTo(newer.eventId());
    }

    @Test
    void aDeletionOfAProductSoindiNeverHeldOfIsKeptSoThatAnOlderCreationDoesNotRevive() {
        Instant now = Instant.now();
        Events.publish(this.publisher, Events.deleted("PROD-TOMBSTONE", now));
        ProductEvent lateCreation = Events.created("PROD-TOMBSTONE", "Too late", "5", now.minusSeconds(10));
        Events.publish(this.publisher, lateCreation);

        await().until(() -> this.store.findAppliedEvent(lateCreation.eventId()).isPresent());
        Product product = this.store.find("PROD-TOMBSTONE").orElseThrow();
        assertThat(product.deleted()).isTrue();
        assertThat(product.name()).isNull();
    }

    static Stream<Arguments> invalidEvents() {
        String timestamp = "\"timestamp\": \"2025-05-20T10:00:00Z\"";
        return Stream.of(
                Arguments.of("not JSON", "{\"eventId\": \"evt-broken\", ", "convert"),
                Arguments.of(
                        "no eventId",
                        "{\"eventType\": \"PRODUCT_UPDATED\", " + timestamp
                                + ", \"payload\": {\"productId\": \"P1\", \"name\": \"N\", \"price\": 1}}",
                        "eventId must not be blank"),
                Arguments.of(
                        "no eventType",
                        "{\"eventId\": \"evt-no-type\", " + timestamp
                                + ", \"payload\": {\"productId\": \"P1\", \"name\": \"N\", \"price\": 1}}",
                        "eventType must not be null"),
                Arguments.of(
                        "no productId",
                        "{\"eventId\": \"evt-no-product\", \"eventType\": \"PRODUCT_UPDATED\", " + timestamp
                                + ", \"payload\": {\"name\": \"N\", \"price\": 1}}",
                        "payload.productId must not be blank"),
                Arguments.of(
                        "unknown eventType",
                        "{\"eventId\": \"evt-unknown-type\", \"eventType\": \"PRODUCT_EXPLODED\", " + timestamp
                                + ", \"payload\": {\"productId\": \"P1\"}}",
                        "PRODUCT_EXPLODED"),
                Arguments.of(
                        "negative price",
                        "{\"eventId\": \"evt-negative\", \"eventType\": \"PRODUCT_UPDATED\", " + timestamp
                                + ", \"payload\": {\"productId\": \"P1\", \"name\": \"N\", \"price\": -1.5}}",
                        "payload.price must be greater than or equal to 0"),
                Arguments.of(
                        "no timestamp",
                        "{\"eventId\": \"evt-no-time\", \"eventType\": \"PRODUCT_DELETED\", "
                                + "\"payload\": {\"productId\": \"P1\"}}",
                        "timestamp must not be null"),
                Arguments.of(
                        "a timestamp that is no date",
                        "{\"eventId\": \"evt-bad-time\", \"eventType\": \"PRODUCT_DELETED\", "
                                + "\"timestamp\": \"yesterday\", \"payload\": {\"productId\": \"P1\"}}",
                        "not an ISO-8601 date-time"),
                Arguments.of(
                        "an update without a name",
                        "{\"eventId\": \"evt-no-name\", \"eventType\": \"PRODUCT_UPDATED\", " + timestamp
                                + ", \"payload\": {\"productId\": \"P1\", \"price\": 1}}",
                        "a PRODUCT_UPDATED event needs payload.name and payload.price"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEvents")
    void anInvalidEventIsDeadLetteredAtOnceWithItsReason(String description, String json, String reason) {
        Events.sendJson(this.rabbitTemplate, "product.product_updated", json);

        Message dead = this.rabbitTemplate.receive(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE, RECEIVE_TIMEOUT);

        assertThat(dead).as("dead-lettered " + description).isNotNull();
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo(json);
        Map<String, Object> headers = dead.getMessageProperties().getHeaders();
        assertThat((String) headers.get(DeadLetterHeaders.EXCEPTION_MESSAGE)).contains(reason);
        assertThat(headers)
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 1)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.PERMANENT)
                .containsEntry(DeadLetterHeaders.ORIGINAL_QUEUE, HubTopology.ODOO_EVENTS_QUEUE)
                .containsEntry(DeadLetterHeaders.ORIGINAL_EXCHANGE, HubTopology.ODOO_EVENTS_EXCHANGE)
                .containsEntry(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, "product.product_updated")
                .containsEntry(DeadLetterHeaders.FAILED_SERVICE, "soindi-consumer");
        assertThat(this.rabbitTemplate.receive(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE, 300))
                .as("dead-lettered exactly once")
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-05-20T10:00:00Z",
                "2025-05-20T10:00:00.000Z",
                "2025-05-20T12:00:00+02:00",
                "2025-05-20T10:00:00"
            })
    void timestampsAreReadAsOdooClientsWriteThemWithoutAnOffsetMeaningUtc(String timestamp) {
        String productId = "PROD-TIME-" + Math.abs(timestamp.hashCode());
        Events.sendJson(this.rabbitTemplate, "product.product_created", """
                {"eventId": "evt-time-%s", "eventType": "PRODUCT_CREATED", "timestamp": "%s",
                 "payload": {"productId": "%s", "name": "Clock", "price": 9.99}}
                """.formatted(productId, timestamp, productId));

        Product product = await().until(() -> this.store.find(productId), found -> found.isPresent())
                .orElseThrow();
        assertThat(product.lastEventTimestamp()).isEqualTo(Instant.parse("2025-05-20T10:00:00Z"));
    }

    @Test
    void aStoreOutageThatEndsIsRetriedUntilTheEventIsApplied() {
        FlakyStoreTrigger.failNext("PROD-FLAKY", 2);

        Events.publish(this.publisher, Events.updated("PROD-FLAKY", "Applied at last", "7", Instant.now()));

        await().until(() -> this.store.find("PROD-FLAKY").isPresent());
        assertThat(FlakyStoreTrigger.attempts("PROD-FLAKY")).isEqualTo(3);
    }

    @Test
    void aStoreOutageThatLastsDeadLettersTheEventAfterThreeAttempts() {
        FlakyStoreTrigger.failNext("PROD-OUTAGE", 100);
        ProductEvent event = Events.updated("PROD-OUTAGE", "Never", "7", Instant.now());

        Events.publish(this.publisher, event);

        Message dead = this.rabbitTemplate.receive(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE, RECEIVE_TIMEOUT);
        assertThat(dead).isNotNull();
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo(event.eventId());
        Map<String, Object> headers = dead.getMessageProperties().getHeaders();
        assertThat(headers)
                .containsEntry(DeadLetterHeaders.ATTEMPTS, 3)
                .containsEntry(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.RETRIES_EXHAUSTED);
        assertThat((String) headers.get(DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("simulated outage");
        // three attempts, the first of them two tries at the store: its batch together, then one event at a time
        assertThat(FlakyStoreTrigger.attempts("PROD-OUTAGE")).isEqualTo(4);
        assertThat(this.store.find("PROD-OUTAGE")).isEmpty();
        assertThat(this.store.findAppliedEvent(event.eventId())).isEmpty();
    }

    @Test
    void anotherSubscriberBindingItsOwnQueueGetsEveryEventToo() {
        Queue warehouse = new Queue("test_warehouse_events", true, false, false);
        this.amqpAdmin.declareQueue(warehouse);
        this.amqpAdmin.declareBinding(BindingBuilder.bind(warehouse)
                .to(new TopicExchange(HubTopology.ODOO_EVENTS_EXCHANGE))
                .with("product.#"));
        Instant now = Instant.now();
        List<ProductEvent> events = IntStream.range(0, 30)
                .mapToObj(i -> i % 3 == 2
                        ? Events.deleted("PROD-FANOUT-" + i, now)
                        : Events.created("PROD-FANOUT-" + i, "Fanout " + i, i + ".99", now))
                .toList();

        Events.publishAll(this.publisher, events);

        Set<String> received = Stream.generate(() -> this.rabbitTemplate.receive(warehouse.getName(), RECEIVE_TIMEOUT))
                .limit(events.size())
                .map(message -> {
                    assertThat(message).isNotNull();
                    return message.getMessageProperties().getMessageId();
                })
                .collect(Collectors.toSet());
        assertThat(received)
                .isEqualTo(events.stream().map(ProductEvent::eventId).collect(Collectors.toSet()));
        await().untilAsserted(() -> assertThat(events)
                .allSatisfy(event ->
                        assertThat(this.store.findAppliedEvent(event.eventId())).isPresent()));
    }

    @Test
    void aLegacyClientThatDeclaresTheQueueItselfAndPublishesToItDirectlyIsApplied() throws Exception {
        ConnectionFactory factory = this.virtualHost.broker().connectionFactory(this.virtualHost.name());
        String json = """
                {"eventId": "evt-legacy-1", "eventType": "PRODUCT_CREATED", "timestamp": "2025-05-20T10:00:00.000Z",
                 "payload": {"productId": "PROD-LEGACY", "name": "From Node.js", "price": 12.5}}
                """;
        try (Connection connection = factory.newConnection();
                Channel channel = connection.createChannel()) {
            // as the existing Node.js producer: assertQueue('odoo_events', {durable: true}), sendToQueue(...)
            channel.queueDeclare(HubTopology.ODOO_EVENTS_QUEUE, true, false, false, null);
            channel.confirmSelect();
            channel.basicPublish(
                    "", HubTopology.ODOO_EVENTS_QUEUE, AppClient.JSON, json.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        }

        Product product = await().until(() -> this.store.find("PROD-LEGACY"), found -> found.isPresent())
                .orElseThrow();
        assertThat(product.name()).isEqualTo("From Node.js");
        assertThat(product.price()).isEqualTo(new BigDecimal("12.5"));
        assertThat(product.lastEventTimestamp()).isEqualTo(Instant.parse("2025-05-20T10:00:00Z"));
        JsonNode queue = this.virtualHost.queue(HubTopology.ODOO_EVENTS_QUEUE);
        assertThat(RabbitManagement.declaredArguments(queue))
                .as("odoo_events has no arguments")
                .isEmpty();
        assertThat(queue.get("durable").asBoolean()).isTrue();
    }

    private JsonNode getProduct(String productId) {
        try {
            return this.http.get().uri("/products/{id}", productId).retrieve().body(JsonNode.class);
        } catch (HttpClientErrorException.NotFound ex) {
            return null;
        }
    }

    private double counter(String outcome) {
        return this.meterRegistry.counter("soindi.events", "outcome", outcome).count();
    }
}
