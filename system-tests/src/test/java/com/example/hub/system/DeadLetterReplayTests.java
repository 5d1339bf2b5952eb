package com.example.hub.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13's dead-letter console in the running stack, as an operator uses it on the day Creatio was down: the request
 * that failed beyond its retries is in the console, in its group of failures; once Creatio is back the operator
 * replays the group, the order is patched, 1C's journal turns the request from {@code FAILED} to {@code COMPLETED},
 * and the audit trail says who replayed it.
 */
@ExtendWith(RunningStack.class)
class DeadLetterReplayTests {

    static HubRequests hub;

    static DeadLetterConsole console;

    @BeforeAll
    static void stack(LocalStack running) {
        hub = new HubRequests(running);
        console = new DeadLetterConsole(running);
    }

    @AfterEach
    void resetCreatio() {
        hub.resetCreatio();
    }

    @Test
    void aRequestDeadLetteredWhileCreatioWasDownIsReplayedFromTheConsoleAndCompletes() {
        String orderId = "ORD-REPLAY-" + UUID.randomUUID().toString().substring(0, 8);
        // Creatio down: more failures than the retries make calls (three quick attempts, then three more 1 s later)
        hub.injectCreatioFailures(20, 503);

        String requestId = hub.sendToCrm(orderId, false);

        // CRM gave up: the request is dead-lettered, and 1C was told why
        JsonNode failed = hub.awaitState(requestId, "FAILED");
        assertThat(failed.get("reason").asString()).contains("503");
        JsonNode dead = console.awaitOne(Map.of("queue", "crm_dead_letter_queue", "request_id", requestId));
        long id = dead.get("id").asLong();
        assertThat(dead.get("failure_kind").asString()).isEqualTo("retries-exhausted");
        assertThat(dead.get("exception_message").asString()).contains("503");
        assertThat(dead.get("state").asString()).isEqualTo("pending");
        assertThat(dead.get("body").asString()).contains(orderId);
        String group = dead.get("group").asString();
        JsonNode groupBefore = group(group);
        assertThat(groupBefore.get("failure_kind").asString()).isEqualTo("retries-exhausted");
        assertThat(groupBefore.get("pending").asLong()).isPositive();
        assertThat(patches(orderId))
                .as("the order is not patched while Creatio is down")
                .isZero();

        // Creatio is back; the operator replays the group's pending dead letters
        hub.creatioRecovers();
        ResponseEntity<JsonNode> replay = console.replayGroup(group, "Creatio is back");

        assertThat(replay.getStatusCode().value()).isEqualTo(200);
        assertThat(ids(replay.getBody().get("replayed"))).contains(id);
        assertThat(replay.getBody().get("failed")).isEmpty();
        JsonNode completed = hub.awaitState(requestId, "COMPLETED");
        assertThat(completed.get("responses").toString()).contains(orderId, "Shipped");
        assertThat(hub.creatioOrders()).contains(orderId, "Shipped");
        assertThat(patches(orderId)).as("the order patched once, by the replay").isEqualTo(1);

        JsonNode replayed = console.show(id);
        assertThat(replayed.get("state").asString()).isEqualTo("replayed");
        assertThat(replayed.get("replay_count").asInt()).isEqualTo(1);
        assertThat(group(group).get("replayed").asLong()).isPositive();
        JsonNode audit = console.audit(id);
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("action").asString()).isEqualTo("replay");
        assertThat(audit.get(0).get("client").asString()).isEqualTo("operator");
        assertThat(audit.get(0).get("note").asString()).isEqualTo("Creatio is back");
        assertThat(audit.get(0).get("group").asString()).isEqualTo(group);

        // a second replay of the same dead letter needs the operator's explicit confirmation
        assertThat(console.replay(id).getStatusCode().value()).isEqualTo(409);
        assertThat(console.audit(id)).hasSize(1);
    }

    private static JsonNode group(String key) {
        return StreamSupport.stream(console.groups().spliterator(), false)
                .filter(group -> key.equals(group.get("group").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no group " + key + " in " + console.groups()));
    }

    /** How often fake Creatio patched the order successfully, whatever the fields. */
    private static int patches(String orderId) {
        JsonNode byFields = hub.creatioPatches().path("patches").path(orderId);
        return byFields.isObject()
                ? StreamSupport.stream(byFields.spliterator(), false)
                        .mapToInt(JsonNode::asInt)
                        .sum()
                : 0;
    }

    private static List<Long> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asLong)
                .toList();
    }
}
