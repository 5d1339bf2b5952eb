package com.example.hub.console.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.failure.DeadLetterRecoverer;
import com.example.hub.messaging.failure.PermanentMessageException;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.QueueMessages;
import com.example.hub.testsupport.security.TestApiKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The console against the real broker and over real HTTP: dead letters that the hub's own recoverer ({@link
 * DeadLetterRecoverer}, with the headers it writes) sends to the dead-letter queues land in the ledger once, are
 * grouped, filtered, replayed to their work queue as fresh messages, and discarded, with the audit trail and the
 * meters to show it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:console-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            // the recoverer as the DMS adapter's would be: dead-lettered at once, without delayed retries
            "hub.messaging.service-name=dms-adapter",
            "hub.messaging.retry.give-up-after=0s",
            "hub.console.metrics-refresh=200ms"
        })
@BrokerTest
class DeadLetterConsoleTests {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    DeadLetterRecoverer recoverer;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    private ConsoleApi operator;

    private ConsoleApi reader;

    @BeforeEach
    void clients() {
        this.operator = new ConsoleApi(this.port, TestApiKeys.OPERATOR_KEY);
        this.reader = new ConsoleApi(this.port, TestApiKeys.READER_KEY);
    }

    @Test
    void aDeadLetterIsInTheLedgerWithWhereItCameFromAndWhyItFailed() {
        String messageId = newId();
        deadLetter(
                HubTopology.DMS_QUEUE,
                "1c.request.dms.unknown_thing",
                messageId,
                envelope("REQ-" + messageId, "unknown_thing"),
                new PermanentMessageException("Unknown message type 'unknown_thing': the DMS handles create_user"));

        JsonNode listed = awaitOne(messageId);
        JsonNode shown =
                this.reader.get("/dead-letters/" + listed.path("id").asLong()).body();

        assertThat(shown.path("queue").asString()).isEqualTo(HubTopology.DMS_DEAD_LETTER_QUEUE);
        assertThat(shown.path("exchange").asString()).isEqualTo(HubTopology.EXCHANGE);
        assertThat(shown.path("routing_key").asString()).isEqualTo("1c.request.dms.unknown_thing");
        assertThat(shown.path("message_id").asString()).isEqualTo(messageId);
        assertThat(shown.path("message_type").asString()).isEqualTo("unknown_thing");
        assertThat(shown.path("request_id").asString()).isEqualTo("REQ-" + messageId);
        assertThat(shown.path("failure_kind").asString()).isEqualTo(DeadLetterHeaders.PERMANENT);
        assertThat(shown.path("exception_class").asString()).isEqualTo(PermanentMessageException.class.getName());
        assertThat(shown.path("exception_message").asString()).startsWith("Unknown message type 'unknown_thing'");
        assertThat(shown.path("attempts").asInt()).isEqualTo(1);
        assertThat(shown.path("failed_service").asString()).isEqualTo("dms-adapter");
        assertThat(shown.path("state").asString()).isEqualTo("pending");
        assertThat(shown.path("headers").path(DeadLetterHeaders.FAILURE_KIND).asString())
                .isEqualTo("permanent");
        assertThat(shown.path("headers").path("traceparent").asString()).startsWith("00-");
        assertThat(shown.path("body").asString()).isEqualTo(envelope("REQ-" + messageId, "unknown_thing"));
        assertThat(Instant.parse(shown.path("failed_at").asString())).isBefore(Instant.now());
        // acknowledged once stored
        awaitEmpty(HubTopology.DMS_DEAD_LETTER_QUEUE);
    }

    @Test
    void aRedeliveredDeadLetterIsStoredOnce() {
        String messageId = newId();
        Message copy = recovered(HubTopology.CRM_QUEUE, "1c.request.crm.update_order", messageId, "{}");
        // the same dead letter twice, as the broker delivers it again when its acknowledgement was lost
        this.rabbitTemplate.send(HubTopology.CRM_DEAD_LETTER_EXCHANGE, "1c.request.crm.update_order", copy);
        this.rabbitTemplate.send(HubTopology.CRM_DEAD_LETTER_EXCHANGE, "1c.request.crm.update_order", copy);
        // one more behind them in the same queue: once it is stored, both copies were taken
        String marker = newId();
        this.rabbitTemplate.send(
                HubTopology.CRM_DEAD_LETTER_EXCHANGE,
                "1c.request.crm.update_order",
                recovered(HubTopology.CRM_QUEUE, "1c.request.crm.update_order", marker, "{}"));

        awaitOne(marker);
        assertThat(this.reader
                        .get("/dead-letters?message_id=" + messageId)
                        .body()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotJsonNorUtf8IsStoredAsItIs() {
        String messageId = newId();
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setHeader(DeadLetterHeaders.ORIGINAL_EXCHANGE, HubTopology.EXCHANGE);
        properties.setHeader(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.PERMANENT);
        byte[] body = {'{', (byte) 0xff, (byte) 0xfe, 0};
        this.rabbitTemplate.send(
                HubTopology.ONEC_DEAD_LETTER_EXCHANGE, "dms.response.1c.x", new Message(body, properties));

        JsonNode shown = this.reader
                .get("/dead-letters/" + awaitOne(messageId).path("id").asLong())
                .body();
        assertThat(shown.path("body_base64").asString()).isEqualTo("e//+AA==");
        assertThat(shown.has("body")).isFalse();
        assertThat(shown.path("message_type").isMissingNode()).isTrue();
    }

    @Test
    void failuresAreGroupedByKindClassAndReasonTemplate() {
        String cause =
                "Creatio unavailable in test " + UUID.randomUUID().toString().replaceAll("[0-9-]", "");
        List<String> ids = new ArrayList<>();
        for (String order : List.of("ORD9876", "ORD1234")) {
            String messageId = newId();
            ids.add(messageId);
            deadLetter(
                    HubTopology.CRM_QUEUE,
                    "1c.request.crm.update_order",
                    messageId,
                    envelope("REQ-" + messageId, "update_order"),
                    new IllegalStateException(cause + ": Creatio answered 503 for order " + order));
        }
        String other = newId();
        deadLetter(
                HubTopology.CRM_QUEUE,
                "1c.request.crm.update_order",
                other,
                envelope("REQ-" + other, "update_order"),
                new PermanentMessageException(cause + ": order 77 has no status"));
        ids.forEach(this::awaitOne);
        String group = awaitOne(other).path("group").asString();

        JsonNode groups = this.reader.get("/dead-letters/groups").body();
        JsonNode creatio = groupWith(groups, cause + ": Creatio answered <n> for order <id>");
        assertThat(creatio.path("count").asLong()).isEqualTo(2);
        assertThat(creatio.path("pending").asLong()).isEqualTo(2);
        assertThat(creatio.path("failure_kind").asString()).isEqualTo(DeadLetterHeaders.RETRIES_EXHAUSTED);
        assertThat(creatio.path("exception_class").asString()).isEqualTo(IllegalStateException.class.getName());
        assertThat(Instant.parse(creatio.path("first_seen").asString()))
                .isBeforeOrEqualTo(Instant.parse(creatio.path("last_seen").asString()));
        JsonNode noStatus = groupWith(groups, cause + ": order <n> has no status");
        assertThat(noStatus.path("count").asLong()).isEqualTo(1);
        assertThat(noStatus.path("group").asString()).isEqualTo(group);
        // the group's dead letters, listed by its key
        JsonNode members = this.reader
                .get("/dead-letters?group=" + creatio.path("group").asString())
                .body();
        assertThat(members.path("total").asLong()).isEqualTo(2);
        assertThat(members.path("items").get(0).path("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void theLedgerIsFilteredAndPaged() {
        String text = "Filter test " + UUID.randomUUID().toString().replaceAll("[0-9-]", "");
        String crm = newId();
        String dms = newId();
        deadLetter(
                HubTopology.CRM_QUEUE,
                "1c.request.crm.update_order",
                crm,
                envelope("REQ-" + crm, "update_order"),
                new IllegalStateException(text + " in CRM"));
        deadLetter(
                HubTopology.DMS_QUEUE,
                "crm.request.dms.get_policy_info",
                dms,
                envelope("REQ-" + dms, "get_policy_info"),
                new PermanentMessageException(text.toUpperCase() + " in DMS"));
        awaitOne(crm);
        awaitOne(dms);

        assertThat(ids("/dead-letters?text=" + text.toLowerCase())).containsExactlyInAnyOrder(crm, dms);
        assertThat(ids("/dead-letters?text=" + text + "&queue=crm_dead_letter_queue"))
                .containsExactly(crm);
        assertThat(ids("/dead-letters?text=" + text + "&failure_kind=permanent"))
                .containsExactly(dms);
        assertThat(ids("/dead-letters?text=" + text + "&message_type=get_policy_info"))
                .containsExactly(dms);
        assertThat(ids("/dead-letters?text=" + text + "&from=" + Instant.now().minusSeconds(600) + "&to="
                        + Instant.now().plusSeconds(60)))
                .containsExactlyInAnyOrder(crm, dms);
        assertThat(ids("/dead-letters?text=" + text + "&from=" + Instant.now().plusSeconds(60)))
                .isEmpty();
        JsonNode page =
                this.reader.get("/dead-letters?text=" + text + "&limit=1").body();
        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(page.path("items").size()).isEqualTo(1);
        // newest first
        assertThat(page.path("items").get(0).path("message_id").asString()).isEqualTo(dms);
        assertThat(ids("/dead-letters?text=" + text + "&limit=1&offset=1")).containsExactly(crm);

        ConsoleApi.Reply badLimit = this.reader.get("/dead-letters?limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.contentType()).startsWith("application/problem+json");
        assertThat(this.reader.get("/dead-letters?from=yesterday").status()).isEqualTo(400);
        ConsoleApi.Reply unknown = this.reader.get("/dead-letters/999999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("title").asString()).isEqualTo("Dead letter not found");
    }

    @Test
    void aReplayedDeadLetterArrivesAtItsWorkQueueAsAFreshMessageUnderItsOwnId() {
        String messageId = newId();
        String body = envelope("REQ-" + messageId, "create_user");
        deadLetter(
                HubTopology.DMS_QUEUE,
                "1c.request.dms.create_user",
                messageId,
                body,
                new IllegalStateException("DMS database down"));
        long id = awaitOne(messageId).path("id").asLong();

        ConsoleApi.Reply replayed = this.operator.post("/dead-letters/" + id + "/replay", "{\"note\":\"DMS is back\"}");

        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body().path("id").asLong()).isPositive();
        assertThat(replayed.body().path("action").asString()).isEqualTo("replay");
        Message again = QueueMessages.receive(
                this.rabbitTemplate,
                HubTopology.DMS_QUEUE,
                message -> messageId.equals(message.getMessageProperties().getMessageId()),
                RECEIVE_TIMEOUT);
        assertThat(again.getMessageProperties().getReceivedExchange()).isEqualTo(HubTopology.EXCHANGE);
        assertThat(again.getMessageProperties().getReceivedRoutingKey()).isEqualTo("1c.request.dms.create_user");
        assertThat(new String(again.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(again.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat(again.getMessageProperties().getHeaders())
                .containsKey("traceparent")
                .doesNotContainKeys(
                        DeadLetterHeaders.ATTEMPTS,
                        DeadLetterHeaders.RETRIES,
                        DeadLetterHeaders.FIRST_FAILED_AT,
                        DeadLetterHeaders.FAILURE_KIND,
                        DeadLetterHeaders.EXCEPTION_MESSAGE,
                        DeadLetterHeaders.EXCEPTION_STACKTRACE,
                        DeadLetterHeaders.FAILED_AT,
                        DeadLetterHeaders.ORIGINAL_QUEUE,
                        "x-death");

        JsonNode shown = this.reader.get("/dead-letters/" + id).body();
        assertThat(shown.path("state").asString()).isEqualTo("replayed");
        assertThat(shown.path("replay_count").asInt()).isEqualTo(1);

        // again only when confirmed
        ConsoleApi.Reply twice = this.operator.post("/dead-letters/" + id + "/replay", null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.contentType()).startsWith("application/problem+json");
        assertThat(twice.body().path("type").asString()).endsWith("/already-replayed");
        assertThat(this.operator
                        .post("/dead-letters/" + id + "/replay?confirm=true", null)
                        .status())
                .isEqualTo(200);
        QueueMessages.receive(
                this.rabbitTemplate,
                HubTopology.DMS_QUEUE,
                message -> messageId.equals(message.getMessageProperties().getMessageId()),
                RECEIVE_TIMEOUT);
        assertThat(this.reader
                        .get("/dead-letters/" + id)
                        .body()
                        .path("replay_count")
                        .asInt())
                .isEqualTo(2);

        JsonNode audit =
                this.reader.get("/dead-letters/audit?dead_letter_id=" + id).body();
        assertThat(audit.size()).isEqualTo(2);
        assertThat(audit.get(1).path("client").asString()).isEqualTo("operator");
        assertThat(audit.get(1).path("action").asString()).isEqualTo("replay");
        assertThat(audit.get(1).path("note").asString()).isEqualTo("DMS is back");
        assertThat(audit.get(1).path("detail").asString())
                .contains(HubTopology.EXCHANGE, "1c.request.dms.create_user", messageId);
        assertThat(audit.get(0).path("detail").asString()).contains("again, confirmed");
        assertThat(this.meters
                        .get(ConsoleMetrics.REPLAYS)
                        .tag("queue", HubTopology.DMS_DEAD_LETTER_QUEUE)
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aWholeGroupIsReplayedAndASelectionNeedsConfirmationForReplayedOnes() {
        String cause =
                "Creatio down in group test " + UUID.randomUUID().toString().replaceAll("[0-9-]", "");
        List<String> messageIds = List.of(newId(), newId());
        for (String messageId : messageIds) {
            deadLetter(
                    HubTopology.CRM_QUEUE,
                    "onec.request.crm.update_order",
                    messageId,
                    envelope("REQ-" + messageId, "update_order"),
                    new IllegalStateException(cause));
        }
        List<Long> ids = messageIds.stream()
                .map(messageId -> awaitOne(messageId).path("id").asLong())
                .toList();
        String group = this.reader
                .get("/dead-letters/" + ids.getFirst())
                .body()
                .path("group")
                .asString();

        JsonNode outcome = this.operator
                .post("/dead-letters/groups/" + group + "/replay", "{\"note\":\"Creatio is back\"}")
                .body();

        assertThat(outcome.path("replayed").valueStream().map(JsonNode::asLong)).containsExactlyElementsOf(ids);
        for (String messageId : messageIds) {
            Message again = QueueMessages.receive(
                    this.rabbitTemplate,
                    HubTopology.CRM_QUEUE,
                    message -> messageId.equals(message.getMessageProperties().getMessageId()),
                    RECEIVE_TIMEOUT);
            assertThat(again.getMessageProperties().getReceivedRoutingKey()).isEqualTo("onec.request.crm.update_order");
            assertThat(again.getMessageProperties().getHeaders()).doesNotContainKey(DeadLetterHeaders.ATTEMPTS);
        }
        // a group replay takes only those not replayed yet: nothing now
        assertThat(this.operator
                        .post("/dead-letters/groups/" + group + "/replay", null)
                        .body()
                        .path("replayed")
                        .size())
                .isZero();
        // a selection with a replayed one is refused as a whole without confirm
        ConsoleApi.Reply selection =
                this.operator.post("/dead-letters/replay", "{\"ids\":[" + ids.get(0) + "," + ids.get(1) + "]}");
        assertThat(selection.status()).isEqualTo(409);
        assertThat(selection.body().path("ids").size()).isEqualTo(2);
        assertThat(this.operator
                        .post("/dead-letters/replay?confirm=true", "{\"ids\":[" + ids.get(0) + "]}")
                        .body()
                        .path("replayed")
                        .get(0)
                        .asLong())
                .isEqualTo(ids.get(0));
        assertThat(this.operator
                        .post("/dead-letters/groups/nosuchgroup/replay", null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aDiscardNeedsANoteAndIsInTheAuditTrail() {
        String messageId = newId();
        deadLetter(
                HubTopology.ODOO_EVENTS_QUEUE,
                "product.created",
                messageId,
                "{\"event_id\":\"" + messageId + "\",\"event_type\":\"created\"}",
                new PermanentMessageException("Invalid message: payload must not be null"));
        JsonNode listed = awaitOne(messageId);
        long id = listed.path("id").asLong();
        assertThat(listed.path("queue").asString()).isEqualTo(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE);
        assertThat(listed.path("message_type").asString()).isEqualTo("created");

        ConsoleApi.Reply withoutNote = this.operator.post("/dead-letters/" + id + "/discard", null);
        assertThat(withoutNote.status()).isEqualTo(400);
        assertThat(withoutNote.contentType()).startsWith("application/problem+json");

        ConsoleApi.Reply discarded =
                this.operator.post("/dead-letters/" + id + "/discard", "{\"note\":\"a test event, never real\"}");

        assertThat(discarded.status()).isEqualTo(200);
        JsonNode shown = this.reader.get("/dead-letters/" + id).body();
        assertThat(shown.path("state").asString()).isEqualTo("discarded");
        assertThat(shown.path("discard_note").asString()).isEqualTo("a test event, never real");
        JsonNode audit =
                this.reader.get("/dead-letters/audit?dead_letter_id=" + id).body();
        assertThat(audit.size()).isEqualTo(1);
        assertThat(audit.get(0).path("action").asString()).isEqualTo("discard");
        assertThat(audit.get(0).path("client").asString()).isEqualTo("operator");
        assertThat(audit.get(0).path("note").asString()).isEqualTo("a test event, never real");
        // a discarded one is replayed only when confirmed: to Odoo's exchange, with its routing key
        assertThat(this.operator.post("/dead-letters/" + id + "/replay", null).status())
                .isEqualTo(409);
        assertThat(this.operator
                        .post("/dead-letters/" + id + "/replay?confirm=true", null)
                        .status())
                .isEqualTo(200);
        Message again = QueueMessages.receive(
                this.rabbitTemplate,
                HubTopology.ODOO_EVENTS_QUEUE,
                message -> messageId.equals(message.getMessageProperties().getMessageId()),
                RECEIVE_TIMEOUT);
        assertThat(again.getMessageProperties().getReceivedExchange()).isEqualTo(HubTopology.ODOO_EVENTS_EXCHANGE);
        assertThat(again.getMessageProperties().getReceivedRoutingKey()).isEqualTo("product.created");
        assertThat(this.meters
                        .get(ConsoleMetrics.DISCARDS)
                        .tag("queue", HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE)
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aDeadLetterWithoutAKnownExchangeIsNotReplayed() {
        String messageId = newId();
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        this.rabbitTemplate.send(
                HubTopology.DMS_DEAD_LETTER_EXCHANGE,
                "whatever",
                new Message("{}".getBytes(StandardCharsets.UTF_8), properties));
        long id = awaitOne(messageId).path("id").asLong();

        ConsoleApi.Reply refused = this.operator.post("/dead-letters/" + id + "/replay", null);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("title").asString()).isEqualTo("Dead letter not replayable");
        assertThat(this.reader.get("/dead-letters/" + id).body().path("state").asString())
                .isEqualTo("pending");
        assertThat(this.reader
                        .get("/dead-letters/audit?dead_letter_id=" + id)
                        .body()
                        .size())
                .isZero();
    }

    @Test
    void theLedgerSizeIsAGaugeByGroupAndState() {
        String messageId = newId();
        deadLetter(
                HubTopology.DMS_QUEUE,
                "1c.request.dms.create_user",
                messageId,
                envelope("REQ-" + messageId, "create_user"),
                new PermanentMessageException("Gauge test: user_id must not be blank"));
        String group = awaitOne(messageId).path("group").asString();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(this.meters
                                .get(ConsoleMetrics.DEAD_LETTERS)
                                .tag("group", group)
                                .tag("state", "pending")
                                .tag("failure_kind", "permanent")
                                .gauge()
                                .value())
                        .isEqualTo(1.0));
        String prometheus = this.operator.getText("/actuator/prometheus");
        assertThat(prometheus)
                .containsPattern("hub_console_dead_letters\\{[^}]*group=\"" + group + "\"[^}]*} 1\\.0")
                .contains("# TYPE hub_console_dead_letters gauge");
        String queueTag = "queue=\"" + HubTopology.DMS_DEAD_LETTER_QUEUE + "\"";
        this.operator.post(
                "/dead-letters/" + awaitOne(messageId).path("id").asLong() + "/discard", "{\"note\":\"gauge test\"}");
        assertThat(this.operator.getText("/actuator/prometheus"))
                .containsPattern("hub_console_discards_total\\{[^}]*" + queueTag);
    }

    /** Sends a failed message to its dead-letter queue through the hub's recoverer, as a failing listener does. */
    private void deadLetter(String queue, String routingKey, String messageId, String body, Throwable cause) {
        this.recoverer.recover(received(queue, routingKey, messageId, body), cause);
    }

    /** A dead letter as the recoverer sends it, for sending it again as it is. */
    private Message recovered(String queue, String routingKey, String messageId, String body) {
        Message message = received(queue, routingKey, messageId, body);
        MessageProperties properties = message.getMessageProperties();
        properties.setHeader(DeadLetterHeaders.ORIGINAL_EXCHANGE, HubTopology.EXCHANGE);
        properties.setHeader(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, routingKey);
        properties.setHeader(DeadLetterHeaders.ORIGINAL_QUEUE, queue);
        properties.setHeader(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.RETRIES_EXHAUSTED);
        properties.setHeader(DeadLetterHeaders.EXCEPTION_CLASS, IllegalStateException.class.getName());
        properties.setHeader(DeadLetterHeaders.EXCEPTION_MESSAGE, "Creatio answered 503");
        properties.setHeader(DeadLetterHeaders.ATTEMPTS, 3);
        properties.setHeader(DeadLetterHeaders.FAILED_SERVICE, "crm-adapter");
        properties.setHeader(DeadLetterHeaders.FAILED_AT, Instant.now().toString());
        return message;
    }

    private static Message received(String queue, String routingKey, String messageId, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setConsumerQueue(queue);
        properties.setReceivedExchange(
                queue.equals(HubTopology.ODOO_EVENTS_QUEUE) ? HubTopology.ODOO_EVENTS_EXCHANGE : HubTopology.EXCHANGE);
        properties.setReceivedRoutingKey(routingKey);
        properties.setMessageId(messageId);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }

    private JsonNode awaitOne(String messageId) {
        return this.reader.awaitDeadLetter(messageId, Duration.ofSeconds(15));
    }

    private void awaitEmpty(String queue) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> this.rabbitTemplate.execute(channel -> channel.messageCount(queue)) == 0L);
    }

    private List<String> ids(String path) {
        ConsoleApi.Reply reply = this.reader.get(path);
        assertThat(reply.status()).as(path).isEqualTo(200);
        return reply.body()
                .path("items")
                .valueStream()
                .map(item -> item.path("message_id").asString())
                .toList();
    }

    private static JsonNode groupWith(JsonNode groups, String template) {
        return groups.valueStream()
                .filter(group -> template.equals(group.path("reason_template").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No group " + template + " in " + groups));
    }

    private static String envelope(String requestId, String messageType) {
        return "{\"request_id\":\"" + requestId + "\",\"source_system\":\"1c\",\"target_system\":\"dms\","
                + "\"message_type\":\"" + messageType + "\",\"payload\":{}}";
    }

    private static String newId() {
        return "msg-" + UUID.randomUUID();
    }
}
