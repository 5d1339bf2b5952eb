package com.example.hub.onec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RetryNotice;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A request's life beyond its first answer, over real HTTP with the real broker: a FAILED request sent again is
 * published again as its next attempt, and a later successful answer (to the new attempt, or a replayed dead letter of
 * the old one) completes it; a request with no answer in time shows as OVERDUE until a late answer decides it; the
 * listings page; old responses are removed by the app.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:onec-lifecycle-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.rabbitmq.listener.simple.concurrency=1",
            "spring.rabbitmq.listener.simple.max-concurrency=1",
            "onec.overdue-after=3s",
            "onec.retention.interval=1s"
        })
@BrokerTest
@Import(TargetQueues.class)
class RequestLifecycleTests {

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @LocalServerPort
    int port;

    @Autowired
    TargetQueues queues;

    @Autowired
    JdbcClient jdbc;

    AdapterHttp adapter;

    @BeforeEach
    void emptyQueues() {
        this.adapter = AdapterHttp.at(this.port);
        this.queues.empty();
    }

    @Test
    void aFailedRequestSentAgainIsPublishedAgainAndItsSuccessCompletesIt() {
        String requestId = newRequestId("AGAIN");
        String body = orderBody(requestId);
        assertThat(this.adapter.post("/send_to_crm", body).text("message")).isEqualTo("Request sent to CRM");
        MessageEnvelope first = this.queues.receiveEnvelope(HubTopology.CRM_QUEUE);
        this.queues.answer(first.reply(
                "CRM",
                RetryNotice.MESSAGE_TYPE,
                Map.of("reason", "Creatio down", "attempts", 4, "next_attempt_at", "2030-01-01T10:00:00Z")));
        await().untilAsserted(() -> assertThat(
                        this.adapter.get("/requests/" + requestId).body().get("retry"))
                .isNotNull());
        this.queues.answer(
                first.reply("CRM", "error", Map.of("status", "error", "reason", "Creatio down for too long")));
        this.adapter.awaitState(requestId, "FAILED");

        HttpReply again = this.adapter.post("/send_to_crm", body);

        assertThat(again.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(again.text("message")).isEqualTo("Request sent to CRM again");
        assertThat(again.body().get("attempt").asInt()).isEqualTo(2);
        MessageEnvelope second = this.queues.receiveEnvelope(HubTopology.CRM_QUEUE);
        assertThat(second.requestId()).isEqualTo(requestId);
        assertThat(second.messageId()).isNotEqualTo(first.messageId());
        assertThat(second.payload()).isEqualTo(first.payload());
        assertThat(second.context()).isEqualTo(Map.of("attempt", 2));
        HttpReply resent = this.adapter.get("/requests/" + requestId);
        assertThat(resent.body().get("attempt").asInt()).isEqualTo(2);
        assertThat(resent.text("reason")).isNull();
        assertThat(resent.body().get("retry"))
                .as("a re-sent request starts afresh")
                .isNull();
        JsonNode attempts = resent.body().get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("state").asString()).isEqualTo("FAILED");
        assertThat(attempts.get(0).get("reason").asString()).isEqualTo("Creatio down for too long");
        assertThat(attempts.get(0).get("message_id").asString()).isEqualTo(first.messageId());
        assertThat(attempts.get(1).get("state").asString()).isEqualTo("ACCEPTED");
        assertThat(attempts.get(1).get("message_id").asString()).isEqualTo(second.messageId());

        // a late notice and a repeated error about the first attempt change nothing of the second
        this.queues.answer(first.reply(
                "CRM",
                RetryNotice.MESSAGE_TYPE,
                Map.of("reason", "old", "attempts", 9, "next_attempt_at", "2030-01-01T10:00:00Z")));
        this.queues.answer(first.reply("CRM", "error", Map.of("status", "error", "reason", "late repeat")));
        await().untilAsserted(() -> assertThat(
                        this.adapter.get("/requests/" + requestId).body().get("responses"))
                .hasSize(2));
        assertThat(this.adapter.get("/requests/" + requestId).text("state")).isIn("ACCEPTED", "OVERDUE");
        assertThat(this.adapter.get("/requests/" + requestId).body().get("retry"))
                .isNull();

        this.queues.answer(second.reply("CRM", "order_status_updated", Map.of("status", "success")));

        HttpReply completed = this.adapter.awaitState(requestId, "COMPLETED");
        assertThat(completed.text("reason")).isNull();
        assertThat(completed.body().get("attempts").get(1).get("state").asString())
                .isEqualTo("COMPLETED");
        JsonNode responses = completed.body().get("responses");
        assertThat(responses).hasSize(3);
        assertThat(responses.get(0).get("attempt").asInt()).isEqualTo(1);
        assertThat(responses.get(0).get("deciding").asBoolean()).isTrue();
        assertThat(responses.get(1).get("deciding").asBoolean()).as("a repeat").isFalse();
        assertThat(responses.get(2).get("attempt").asInt()).isEqualTo(2);
        assertThat(responses.get(2).get("deciding").asBoolean()).isTrue();

        HttpReply repeated = this.adapter.post("/send_to_crm", body);
        assertThat(repeated.status()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(repeated.text("message")).isEqualTo("Request already sent to CRM");
        assertThat(repeated.body().get("attempt").asInt()).isEqualTo(2);
        // a completed request is not published again
        this.queues.assertNothingMoreIn(HubTopology.CRM_QUEUE);
        assertThat(this.adapter
                        .post("/send_to_crm", body.replace("Shipped", "Lost"))
                        .status())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aSuccessfulAnswerAfterAFailureCompletesTheRequestAndAFailureNeverUndoesASuccess() {
        String requestId = newRequestId("REPLAY");
        this.adapter.post("/send_to_dms", userBody(requestId));
        MessageEnvelope request = this.queues.receiveEnvelope(HubTopology.DMS_QUEUE);
        this.queues.answer(
                request.reply("DMS", "error", Map.of("status", "error", "reason", "DMS database unreachable")));
        this.adapter.awaitState(requestId, "FAILED");

        // the dead letter replayed after the cause was fixed: the same request is handled, and answered with success
        this.queues.answer(request.reply("DMS", "user_created", Map.of("status", "success")));

        HttpReply completed = this.adapter.awaitState(requestId, "COMPLETED");
        assertThat(completed.text("reason")).isNull();
        assertThat(completed.body().get("attempts")).hasSize(1);
        assertThat(completed.body().get("attempts").get(0).get("state").asString())
                .isEqualTo("COMPLETED");
        assertThat(completed.body().get("responses").get(1).get("deciding").asBoolean())
                .isTrue();

        this.queues.answer(request.reply("DMS", "error", Map.of("status", "error", "reason", "replayed once more")));
        await().untilAsserted(() -> assertThat(
                        this.adapter.get("/requests/" + requestId).body().get("responses"))
                .hasSize(3));
        HttpReply still = this.adapter.get("/requests/" + requestId);
        assertThat(still.text("state")).isEqualTo("COMPLETED");
        assertThat(still.body().get("responses").get(2).get("deciding").asBoolean())
                .isFalse();
    }

    @Test
    void aRequestWithoutAnAnswerInTimeIsOverdueAndALateAnswerStillCompletesIt() {
        String requestId = newRequestId("SLOW");
        HttpReply sent = this.adapter.post("/send_to_dms", userBody(requestId));
        assertThat(sent.status()).isEqualTo(HttpStatus.ACCEPTED);
        MessageEnvelope request = this.queues.receiveEnvelope(HubTopology.DMS_QUEUE);
        Instant receivedAt =
                Instant.parse(this.adapter.get("/requests/" + requestId).text("received_at"));

        HttpReply overdue = this.adapter.awaitState(requestId, "OVERDUE");

        assertThat(Instant.parse(overdue.text("overdue_since"))).isEqualTo(receivedAt.plusSeconds(3));
        assertThat(overdue.text("completed_at")).isNull();
        assertThat(listedState(requestId)).isEqualTo("OVERDUE");
        HttpReply repeated = this.adapter.post("/send_to_dms", userBody(requestId));
        assertThat(repeated.text("message")).isEqualTo("Request already sent to DMS");

        this.queues.answer(request.reply("DMS", "user_created", Map.of("status", "success")));

        HttpReply completed = this.adapter.awaitState(requestId, "COMPLETED");
        assertThat(completed.text("overdue_since")).isNull();
        assertThat(completed.body().get("responses").get(0).get("deciding").asBoolean())
                .isTrue();
    }

    @Test
    void requestsAndUnmatchedResponsesArePagedNewestFirst() {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String requestId = newRequestId("PAGE" + i);
            this.adapter.post("/send_to_dms", userBody(requestId));
            sent.addFirst(requestId);
        }
        List<String> unmatched = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MessageEnvelope ghost = MessageEnvelope.request(newRequestId("GHOST" + i), "DMS", "1C", "x", Map.of());
            this.queues.answer(ghost);
            String requestId = ghost.requestId();
            await().untilAsserted(() -> assertThat(this.adapter
                            .get("/responses/unmatched?limit=1")
                            .body()
                            .get(0)
                            .get("request_id")
                            .asString())
                    .isEqualTo(requestId));
            unmatched.addFirst(requestId);
        }

        assertThat(pages("/requests?limit=2", sent.size())).startsWith(sent.toArray(String[]::new));
        assertThat(pages("/responses/unmatched?limit=2", unmatched.size()))
                .startsWith(unmatched.toArray(String[]::new));
        HttpReply tooMany = this.adapter.get("/requests?limit=1001");
        assertThat(tooMany.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooMany.body().get("errors").get(0).get("field").asString()).isEqualTo("limit");
    }

    @Test
    void responsesOlderThanTheRetentionAreRemovedAndTheirRequestsKeepTheirOutcome() {
        String requestId = newRequestId("OLD");
        this.adapter.post("/send_to_dms", userBody(requestId));
        MessageEnvelope request = this.queues.receiveEnvelope(HubTopology.DMS_QUEUE);
        this.queues.answer(request.reply("DMS", "user_created", Map.of("status", "success")));
        this.adapter.awaitState(requestId, "COMPLETED");
        String recent = newRequestId("RECENT-GHOST");
        this.queues.answer(MessageEnvelope.request(recent, "DMS", "1C", "x", Map.of()));
        await().untilAsserted(
                        () -> assertThat(this.adapter.unmatchedRequestIds()).contains(recent));
        String old = newRequestId("OLD-GHOST");
        this.queues.answer(MessageEnvelope.request(old, "DMS", "1C", "x", Map.of()));
        await().untilAsserted(
                        () -> assertThat(this.adapter.unmatchedRequestIds()).contains(old));

        // as if they had arrived 31 days ago, beyond the default retention of 30 days
        this.jdbc
                .sql("UPDATE responses SET received_at = :longAgo WHERE request_id IN (:requestIds)")
                .param("longAgo", Instant.now().minus(31, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
                .param("requestIds", List.of(requestId, old))
                .update();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(this.adapter.unmatchedRequestIds()).doesNotContain(old));
        HttpReply kept = this.adapter.get("/requests/" + requestId);
        assertThat(kept.text("state")).isEqualTo("COMPLETED");
        assertThat(kept.body().get("responses")).isEmpty();
        assertThat(kept.body().get("attempts").get(0).get("state").asString()).isEqualTo("COMPLETED");
        assertThat(this.adapter.unmatchedRequestIds()).contains(recent);
    }

    /** The first request ids of a listing, following each page's link to the next until there are enough. */
    private List<String> pages(String first, int count) {
        List<String> ids = new ArrayList<>();
        String next = first;
        while (true) {
            HttpReply reply = this.adapter.get(next);
            assertThat(reply.status()).isEqualTo(HttpStatus.OK);
            assertThat(reply.body()).hasSizeLessThanOrEqualTo(2);
            reply.body().forEach(entry -> ids.add(entry.get("request_id").asString()));
            if (ids.size() >= count) {
                assertThat(ids).doesNotHaveDuplicates();
                return ids;
            }
            String link = reply.headers().getFirst(HttpHeaders.LINK);
            assertThat(link).as("a link to the page after " + ids).isNotNull();
            Matcher matcher = NEXT_LINK.matcher(link);
            assertThat(matcher.matches()).isTrue();
            next = matcher.group(1);
        }
    }

    private String listedState(String requestId) {
        for (JsonNode request : this.adapter.get("/requests?limit=1000").body()) {
            if (request.get("request_id").asString().equals(requestId)) {
                return request.get("state").asString();
            }
        }
        return null;
    }

    private static String newRequestId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static String userBody(String requestId) {
        return """
                {"request_id": "%s", "user_id": "U1", "name": "Иванов Иван", "email": "ivanov@example.com"}
                """.formatted(requestId);
    }

    private static String orderBody(String requestId) {
        return """
                {"request_id": "%s", "order_id": "ORD1", "status": "Shipped"}
                """.formatted(requestId);
    }
}
