package com.example.hub.onec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.FailureReply;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RetryNotice;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The adapter end to end over real HTTP, with the real broker and an in-memory journal: requests of 1C are published
 * with confirms, responses complete or fail them, repetitions are recognised, and a request the broker did not take is
 * answered 503 and sent again when retried.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:onec-integration-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            "spring.rabbitmq.listener.simple.retry.max-interval=200ms",
            // one consumer: responses are recorded in the order they were published
            "spring.rabbitmq.listener.simple.concurrency=1",
            "spring.rabbitmq.listener.simple.max-concurrency=1"
        })
@BrokerTest
@Import(TargetQueues.class)
class OnecAdapterIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TargetQueues queues;

    @Autowired
    AmqpAdmin amqpAdmin;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    RestClient http;

    AdapterHttp adapter;

    @BeforeEach
    void emptyQueues() {
        this.http = HttpReply.client(this.port);
        this.adapter = new AdapterHttp(this.http);
        // no DMS or CRM adapter runs here: their queues keep what the adapter published, for the tests to look at
        this.queues.empty();
    }

    @Test
    void aUserForDmsIsAnsweredOnceTheBrokerHasItAndWaitsInTheDmsQueue() {
        String requestId = newRequestId("USER");

        HttpReply reply = this.adapter.post("/send_to_dms", dmsBody(requestId, "ivanov@example.com"));

        assertThat(reply.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(reply.text("status")).isEqualTo("success");
        assertThat(reply.text("message")).isEqualTo("Request sent to DMS");
        assertThat(reply.text("request_id")).isEqualTo(requestId);
        assertThat(reply.headers().getLocation()).hasToString("/requests/" + requestId);

        Message message = this.queues.receive(HubTopology.DMS_QUEUE);
        MessageProperties properties = message.getMessageProperties();
        assertThat(properties.getReceivedExchange()).isEqualTo(HubTopology.EXCHANGE);
        assertThat(properties.getReceivedRoutingKey()).isEqualTo("1c.request.dms.create_user");
        assertThat(properties.getContentType()).isEqualTo(MessageProperties.CONTENT_TYPE_JSON);
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.getCorrelationId()).isEqualTo(requestId);
        assertThat(properties.getType()).isEqualTo("create_user");
        assertThat(properties.getAppId()).isEqualTo("onec-adapter");
        assertThat(properties.getHeaders()).doesNotContainKeys("__TypeId__", "__ContentTypeId__", "__KeyTypeId__");
        JsonNode envelope = this.queues.json(message);
        assertThat(properties.getMessageId())
                .isEqualTo(envelope.get("message_id").asString());
        assertThat(envelope.get("request_id").asString()).isEqualTo(requestId);
        assertThat(envelope.get("source_system").asString()).isEqualTo("1C");
        assertThat(envelope.get("target_system").asString()).isEqualTo("DMS");
        assertThat(envelope.get("message_type").asString()).isEqualTo("create_user");
        assertThat(envelope.get("timestamp").asString()).isNotBlank();
        assertThat(envelope.get("payload").propertyNames()).containsExactlyInAnyOrder("user_id", "name", "email");
        assertThat(envelope.get("payload").get("name").asString()).isEqualTo("Иванов Иван");
        assertThat(envelope.get("payload").get("email").asString()).isEqualTo("ivanov@example.com");

        HttpReply journal = this.adapter.get("/requests/" + requestId);
        assertThat(journal.status()).isEqualTo(HttpStatus.OK);
        assertThat(journal.text("state")).isEqualTo("ACCEPTED");
        assertThat(journal.text("target")).isEqualTo("DMS");
        assertThat(journal.text("message_type")).isEqualTo("create_user");
        assertThat(journal.body().get("payload").get("user_id").asString()).isEqualTo("U12345");
        assertThat(journal.body().get("responses")).isEmpty();
        assertThat(journal.text("completed_at")).isNull();
    }

    @Test
    void theJournalShowsTheTraceOfEachAttemptWhichItsMessageCarriesOn() {
        String requestId = newRequestId("USER");

        this.adapter.post("/send_to_dms", dmsBody(requestId, "ivanov@example.com"));

        Object traceparent = this.queues
                .receive(HubTopology.DMS_QUEUE)
                .getMessageProperties()
                .getHeader("traceparent");
        String traceId = this.adapter
                .get("/requests/" + requestId)
                .body()
                .get("attempts")
                .get(0)
                .get("trace_id")
                .asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        // W3C trace context: 00-<trace id>-<parent span id>-<flags>
        assertThat(traceparent).asString().startsWith("00-" + traceId + "-");
    }

    @Test
    void aResponseCompletesItsRequest() {
        String requestId = newRequestId("USER");
        assertThat(this.adapter
                        .post("/send_to_dms", dmsBody(requestId, "ivanov@example.com"))
                        .status())
                .isEqualTo(HttpStatus.ACCEPTED);
        MessageEnvelope request = this.queues.receiveEnvelope(HubTopology.DMS_QUEUE);

        this.queues.answer(request.reply("DMS", "user_created", Map.of("status", "success", "dms_user_id", "DMS-42")));

        HttpReply journal = this.adapter.awaitState(requestId, "COMPLETED");
        assertThat(this.meters
                        .get("onec.requests.decided")
                        .tags("system", "dms", "outcome", "completed")
                        .timer()
                        .count())
                .isPositive();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(this.meters
                                .get("onec.journal.requests")
                                .tag("state", "completed")
                                .gauge()
                                .value())
                        .isPositive());
        assertThat(journal.text("reason")).isNull();
        JsonNode responses = journal.body().get("responses");
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).get("source_system").asString()).isEqualTo("DMS");
        assertThat(responses.get(0).get("message_type").asString()).isEqualTo("user_created");
        assertThat(responses.get(0).get("payload").get("dms_user_id").asString())
                .isEqualTo("DMS-42");
        Instant createdAt = Instant.parse(journal.text("created_at"));
        Instant completedAt = Instant.parse(journal.text("completed_at"));
        assertThat(completedAt)
                .isEqualTo(Instant.parse(responses.get(0).get("received_at").asString()))
                .isAfterOrEqualTo(createdAt);
        assertThat(Instant.parse(journal.text("received_at"))).isBeforeOrEqualTo(createdAt);
    }

    @Test
    void aRequestWaitingForARetryShowsItsNextAttemptAndTheFirstAnswerDecidesItOnce() {
        String requestId = newRequestId("USER");
        assertThat(this.adapter
                        .post("/send_to_dms", dmsBody(requestId, "retry@example.com"))
                        .status())
                .isEqualTo(HttpStatus.ACCEPTED);
        MessageEnvelope request = this.queues.receiveEnvelope(HubTopology.DMS_QUEUE);
        Instant nextAttemptAt = Instant.parse("2030-01-01T10:00:30Z");

        this.queues.answer(request.reply(
                "DMS",
                RetryNotice.MESSAGE_TYPE,
                Map.of(
                        "reason",
                        "DMS database unreachable",
                        "attempts",
                        3,
                        "next_attempt_at",
                        nextAttemptAt.toString(),
                        "failed_service",
                        "dms-adapter")));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(this.adapter
                                .get("/requests/" + requestId)
                                .body()
                                .get("retry"))
                        .isNotNull());
        HttpReply waiting = this.adapter.get("/requests/" + requestId);
        assertThat(waiting.text("state")).isEqualTo("ACCEPTED");
        JsonNode retry = waiting.body().get("retry");
        assertThat(retry.get("attempts").asInt()).isEqualTo(3);
        assertThat(Instant.parse(retry.get("next_attempt_at").asString())).isEqualTo(nextAttemptAt);
        assertThat(retry.get("last_failure").asString()).isEqualTo("DMS database unreachable");
        assertThat(waiting.body().get("responses")).isEmpty();

        this.queues.answer(request.reply("DMS", "user_created", Map.of("status", "success", "dms_user_id", "DMS-1")));
        this.adapter.awaitState(requestId, "COMPLETED");
        // a second, different answer (a replayed request handled anew) is kept as a repeat, not a second outcome
        this.queues.answer(request.reply("DMS", "error", Map.of("status", "error", "reason", "replayed")));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(this.adapter
                                .get("/requests/" + requestId)
                                .body()
                                .get("responses"))
                        .hasSize(2));
        HttpReply decided = this.adapter.get("/requests/" + requestId);
        assertThat(decided.text("state")).isEqualTo("COMPLETED");
        assertThat(decided.body().get("retry")).isNull();
        JsonNode responses = decided.body().get("responses");
        assertThat(responses.get(0).get("message_type").asString()).isEqualTo("user_created");
        assertThat(responses.get(0).get("deciding").asBoolean()).isTrue();
        assertThat(responses.get(1).get("deciding").asBoolean()).isFalse();
    }

    @Test
    void anErrorResponseFailsItsRequestWithTheReason() {
        String requestId = newRequestId("USER");
        this.adapter.post("/send_to_dms", dmsBody(requestId, "ivanov@example.com"));
        MessageEnvelope request = this.queues.receiveEnvelope(HubTopology.DMS_QUEUE);

        this.queues.answer(dmsFailure(request, "Invalid CreateUser: email already taken"));

        HttpReply journal = this.adapter.awaitState(requestId, "FAILED");
        assertThat(journal.text("reason")).isEqualTo("Invalid CreateUser: email already taken");
        assertThat(journal.text("completed_at")).isNotNull();
        assertThat(journal.body().get("responses").get(0).get("message_type").asString())
                .isEqualTo("error");
    }

    @Test
    void anOrderStatusGoesToCrmAndAFailedStatusInItsResponseFailsIt() {
        String requestId = newRequestId("ORDER");

        HttpReply reply = this.adapter.post("/send_to_crm", """
                {"request_id": "%s", "order_id": "ORD9876", "status": "Shipped", "needs_policy_info": true}
                """.formatted(requestId));

        assertThat(reply.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(reply.text("message")).isEqualTo("Request sent to CRM");
        Message message = this.queues.receive(HubTopology.CRM_QUEUE);
        assertThat(message.getMessageProperties().getReceivedRoutingKey())
                .isEqualTo("1c.request.crm.update_order_status");
        MessageEnvelope request = this.queues.envelope(message);
        assertThat(request.payload())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("order_id", "ORD9876", "new_status", "Shipped", "needs_policy_info", true));

        this.queues.answer(request.reply(
                "CRM", "order_status_updated", Map.of("status", "failed", "message", "Order ORD9876 is closed")));

        assertThat(this.adapter.awaitState(requestId, "FAILED").text("reason")).isEqualTo("Order ORD9876 is closed");
    }

    @Test
    void aRepeatedRequestIdWithTheSameBodyIsAcceptedWithoutPublishingAgain() {
        String requestId = newRequestId("ORDER");
        String first = """
                {"request_id": "%s", "order_id": "ORD1", "status": "Shipped"}
                """.formatted(requestId);
        // the same request, written differently: fields reordered, the other name of status, the default spelt out
        String again = """
                {"needs_policy_info": false, "new_status": "Shipped", "order_id": "ORD1", "request_id": "%s"}
                """.formatted(requestId);

        assertThat(this.adapter.post("/send_to_crm", first).status()).isEqualTo(HttpStatus.ACCEPTED);
        HttpReply repeated = this.adapter.post("/send_to_crm", again);

        assertThat(repeated.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(repeated.text("status")).isEqualTo("success");
        assertThat(repeated.text("request_id")).isEqualTo(requestId);
        MessageEnvelope request = this.queues.receiveEnvelope(HubTopology.CRM_QUEUE);
        assertThat(request.requestId()).isEqualTo(requestId);
        this.queues.assertNothingMoreIn(HubTopology.CRM_QUEUE);

        this.queues.answer(request.reply("CRM", "order_status_updated", Map.of("status", "success")));
        this.adapter.awaitState(requestId, "COMPLETED");
        assertThat(this.adapter.post("/send_to_crm", first).status()).isEqualTo(HttpStatus.ACCEPTED);
        this.queues.assertNothingMoreIn(HubTopology.CRM_QUEUE);
    }

    @Test
    void concurrentRepetitionsOfARequestArePublishedOnceAndAllAccepted() {
        String requestId = newRequestId("USER");
        String body = dmsBody(requestId, "ivanov@example.com");

        List<CompletableFuture<HttpReply>> replies;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            replies = IntStream.range(0, 8)
                    .mapToObj(attempt ->
                            CompletableFuture.supplyAsync(() -> this.adapter.post("/send_to_dms", body), clients))
                    .toList();
        }

        assertThat(replies)
                .allSatisfy(reply -> assertThat(reply.join().status()).isEqualTo(HttpStatus.ACCEPTED));
        this.queues.assertOnlyRequestIn(HubTopology.DMS_QUEUE, requestId);
    }

    @Test
    void aRepeatedRequestIdWithAnotherBodyIsAConflict() {
        String requestId = newRequestId("USER");
        assertThat(this.adapter
                        .post("/send_to_dms", dmsBody(requestId, "ivanov@example.com"))
                        .status())
                .isEqualTo(HttpStatus.ACCEPTED);

        HttpReply conflict = this.adapter.post("/send_to_dms", dmsBody(requestId, "petrov@example.com"));

        assertThat(conflict.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(conflict.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(conflict.body().get("status").asInt()).isEqualTo(409);
        assertThat(conflict.text("type")).isEqualTo("https://hub.example.com/problems/request-id-conflict");
        assertThat(conflict.text("title")).isNotBlank();
        assertThat(conflict.text("detail")).contains(requestId);
        this.queues.assertOnlyRequestIn(HubTopology.DMS_QUEUE, requestId);
        assertThat(this.adapter
                        .get("/requests/" + requestId)
                        .body()
                        .get("payload")
                        .get("email")
                        .asString())
                .isEqualTo("ivanov@example.com");
    }

    @Test
    void aRedeliveredResponseIsRecordedOnce() {
        String requestId = newRequestId("USER");
        this.adapter.post("/send_to_dms", dmsBody(requestId, "ivanov@example.com"));
        MessageEnvelope response = this.queues
                .envelope(this.queues.receive(HubTopology.DMS_QUEUE))
                .reply("DMS", "user_created", Map.of("status", "success"));

        this.queues.answer(response);
        this.queues.answer(response);
        // published after both copies, and recorded after them by the single consumer
        String marker = newRequestId("MARKER");
        this.queues.answer(new MessageEnvelope(
                UUID.randomUUID().toString(), marker, "DMS", "1C", "user_created", Instant.now(), Map.of(), null));

        await().untilAsserted(
                        () -> assertThat(this.adapter.unmatchedRequestIds()).contains(marker));
        HttpReply journal = this.adapter.get("/requests/" + requestId);
        assertThat(journal.text("state")).isEqualTo("COMPLETED");
        assertThat(journal.body().get("responses")).hasSize(1);
    }

    @Test
    void aResponseForAnUnknownRequestIsRecordedAndShowsWithTheRequestOnceItAppears() {
        String requestId = newRequestId("LATE");

        this.queues.answer(new MessageEnvelope(
                UUID.randomUUID().toString(),
                requestId,
                "DMS",
                "1C",
                "user_created",
                Instant.now(),
                Map.of("status", "success", "note", "early"),
                null));

        await().untilAsserted(
                        () -> assertThat(this.adapter.unmatchedRequestIds()).contains(requestId));
        assertThat(this.adapter.get("/requests/" + requestId).status()).isEqualTo(HttpStatus.NOT_FOUND);

        assertThat(this.adapter
                        .post("/send_to_dms", dmsBody(requestId, "late@example.com"))
                        .status())
                .isEqualTo(HttpStatus.ACCEPTED);
        HttpReply journal = this.adapter.get("/requests/" + requestId);
        assertThat(journal.body().get("responses")).hasSize(1);
        assertThat(journal.body()
                        .get("responses")
                        .get(0)
                        .get("payload")
                        .get("note")
                        .asString())
                .isEqualTo("early");
        assertThat(this.adapter.unmatchedRequestIds()).doesNotContain(requestId);
    }

    @Test
    void aRequestTheBrokerDidNotTakeIsA503AndIsPublishedWhenRetried() {
        String requestId = newRequestId("USER");
        Binding dmsBinding = new Binding(
                HubTopology.DMS_QUEUE, Binding.DestinationType.QUEUE, HubTopology.EXCHANGE, dmsBindingKey(), null);
        this.amqpAdmin.removeBinding(dmsBinding);
        HttpReply unavailable;
        try {
            unavailable = this.adapter.post("/send_to_dms", dmsBody(requestId, "ivanov@example.com"));
        } finally {
            this.amqpAdmin.declareBinding(dmsBinding);
        }

        assertThat(unavailable.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(unavailable.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unavailable.headers().getFirst("Retry-After")).isNotBlank();
        assertThat(unavailable.text("type")).isEqualTo("https://hub.example.com/problems/broker-unavailable");
        assertThat(unavailable.text("reason")).isEqualTo("UNROUTABLE");
        assertThat(unavailable.text("detail")).isNotBlank();
        HttpReply journal = this.adapter.get("/requests/" + requestId);
        assertThat(journal.text("state")).isEqualTo("NOT_SENT");
        assertThat(journal.text("reason")).isNotBlank();

        HttpReply retried = this.adapter.post("/send_to_dms", dmsBody(requestId, "ivanov@example.com"));

        assertThat(retried.status()).isEqualTo(HttpStatus.ACCEPTED);
        Message published = this.queues.receive(HubTopology.DMS_QUEUE);
        assertThat(published.getMessageProperties().getCorrelationId()).isEqualTo(requestId);
        HttpReply accepted = this.adapter.get("/requests/" + requestId);
        assertThat(accepted.text("state")).isEqualTo("ACCEPTED");
        // a publish without a confirm may have reached the broker: the retry is the same message, not a second one
        JsonNode attempts = accepted.body().get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("state").asString()).isEqualTo("NOT_SENT");
        assertThat(published.getMessageProperties().getMessageId())
                .isEqualTo(attempts.get(0).get("message_id").asString())
                .isEqualTo(attempts.get(1).get("message_id").asString());
    }

    @Test
    void aBodyBeyondTheLimitIsRefusedEvenWhenItComesInChunks() {
        byte[] body = """
                {"request_id": "CHUNKED", "user_id": "U1", "name": "%s", "email": "big@example.com"}
                """.formatted("x".repeat(70_000)).getBytes(StandardCharsets.UTF_8);

        HttpReply reply = this.http
                .post()
                .uri("/send_to_dms")
                .contentType(MediaType.APPLICATION_JSON)
                // a streamed body of unknown length: sent chunked, without a Content-Length
                .body((OutputStream output) -> output.write(body))
                .exchange((request, response) ->
                        HttpReply.of(response.getStatusCode(), response.getHeaders(), response.getBody()));

        assertThat(reply.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(reply.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reply.body().get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(this.adapter.get("/requests/CHUNKED").status()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aRetryOfAnAttemptThatDiedBeforeItsConfirmWasJournalledIsTheSameMessageAndItsFirstAnswerDecidesIt() {
        String requestId = newRequestId("USER");
        String body = dmsBody(requestId, "ivanov@example.com");
        assertThat(this.adapter.post("/send_to_dms", body).status()).isEqualTo(HttpStatus.ACCEPTED);
        Message first = this.queues.receive(HubTopology.DMS_QUEUE);
        // the broker has the message, but the process died before its confirm was journalled (kill -9): the journal
        // shows it publishing since longer than the publish timeout, and 1C, which got no answer, sends it again
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        this.jdbc
                .sql("UPDATE requests SET state = 'PUBLISHING', updated_at = :longAgo WHERE request_id = :requestId")
                .param("longAgo", longAgo.atOffset(ZoneOffset.UTC))
                .param("requestId", requestId)
                .update();
        this.jdbc
                .sql("UPDATE request_attempts SET state = 'PUBLISHING' WHERE request_id = :requestId")
                .param("requestId", requestId)
                .update();

        HttpReply retried = this.adapter.post("/send_to_dms", body);

        assertThat(retried.status()).isEqualTo(HttpStatus.ACCEPTED);
        Message again = this.queues.receive(HubTopology.DMS_QUEUE);
        assertThat(again.getMessageProperties().getMessageId())
                .as("the same message, for the DMS to recognise it")
                .isEqualTo(first.getMessageProperties().getMessageId());
        assertThat(this.queues.envelope(again).messageId())
                .isEqualTo(this.queues.envelope(first).messageId());
        JsonNode attempts = this.adapter.get("/requests/" + requestId).body().get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).get("message_id").asString())
                .isEqualTo(attempts.get(0).get("message_id").asString());
        assertThat(attempts.get(0).get("reason").asString()).contains("the same message published again");

        // the DMS handled the first delivery, answers it (naming attempt 1) and recognises the second as a repeat:
        // its one answer decides the request, a failure included
        this.queues.answer(dmsFailure(this.queues.envelope(first), "Invalid CreateUser: email already taken"));

        HttpReply journal = this.adapter.awaitState(requestId, "FAILED");
        assertThat(journal.text("reason")).isEqualTo("Invalid CreateUser: email already taken");
        assertThat(journal.body().get("attempts").get(1).get("state").asString())
                .isEqualTo("FAILED");
    }

    @Test
    void aRequestIdWithAReservedCharacterIsRefusedAndEachLocationLeadsToExactlyItsRequest() {
        String requestId = newRequestId("ODD");
        assertThat(this.adapter
                        .post("/send_to_dms", dmsBody(requestId, "odd@example.com"))
                        .status())
                .isEqualTo(HttpStatus.ACCEPTED);
        this.queues.receive(HubTopology.DMS_QUEUE);

        // once read as /requests/<requestId> with a path parameter: the other request's data
        HttpReply refused = this.adapter.post("/send_to_dms", dmsBody(requestId + ";x=1", "other@example.com"));

        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.headers().getLocation()).isNull();
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("request_id");
        this.queues.assertNothingMoreIn(HubTopology.DMS_QUEUE);

        String unusual = "." + newRequestId("~odd_") + ".";
        HttpReply accepted = this.adapter.post("/send_to_dms", dmsBody(unusual, "unusual@example.com"));

        assertThat(accepted.status()).isEqualTo(HttpStatus.ACCEPTED);
        URI location = URI.create("http://localhost:" + this.port)
                .resolve(accepted.headers().getLocation());
        HttpReply shown = this.http
                .get()
                .uri(location)
                .exchange((request, response) ->
                        HttpReply.of(response.getStatusCode(), response.getHeaders(), response.getBody()));
        assertThat(shown.status()).isEqualTo(HttpStatus.OK);
        assertThat(shown.text("request_id")).isEqualTo(unusual);
        assertThat(shown.body().get("payload").get("email").asString()).isEqualTo("unusual@example.com");
    }

    @Test
    void recentRequestsAreListedNewestFirst() {
        String older = newRequestId("LIST-A");
        String newer = newRequestId("LIST-B");
        this.adapter.post("/send_to_dms", dmsBody(older, "a@example.com"));
        this.adapter.post("/send_to_dms", dmsBody(newer, "b@example.com"));

        HttpReply listing = this.adapter.get("/requests?limit=2");

        assertThat(listing.status()).isEqualTo(HttpStatus.OK);
        List<String> ids = new ArrayList<>();
        listing.body().forEach(request -> ids.add(request.get("request_id").asString()));
        assertThat(ids).containsExactly(newer, older);
    }

    @Test
    void isReadyWithTheBrokerAndTheJournalReachable() {
        HttpReply readiness = this.adapter.get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.text("status")).isEqualTo("UP");
    }

    private static String newRequestId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static String dmsBody(String requestId, String email) {
        return """
                {"request_id": "%s", "user_id": "U12345", "name": "Иванов Иван", "email": "%s"}
                """.formatted(requestId, email);
    }

    private static String dmsBindingKey() {
        return HubTopology.WORK_QUEUES.stream()
                .filter(queue -> queue.name().equals(HubTopology.DMS_QUEUE))
                .findFirst()
                .orElseThrow()
                .bindingKeys()
                .get(0);
    }

    /** The DMS adapter's answer to a request it dead-lettered. */
    private static MessageEnvelope dmsFailure(MessageEnvelope request, String reason) {
        FailureReply failure = new FailureReply(reason, HubTopology.DMS_DEAD_LETTER_QUEUE, "create_user", "dms");
        return request.reply(
                "dms",
                FailureReply.MESSAGE_TYPE,
                Map.of(
                        "status", failure.status(),
                        "reason", failure.reason(),
                        "dead_letter_queue", failure.deadLetterQueue(),
                        "failed_message_type", failure.failedMessageType(),
                        "failed_service", failure.failedService()));
    }
}
