package com.example.hub.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.RabbitManagement;
import com.example.hub.testsupport.TestBroker;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The enterprise hub across its four apps and the broker, each app in its own process: requests go in over HTTP at
 * 1C and come back into its journal, while fake-creatio fails, expires sessions or does not know an order, and poison
 * messages arrive on every queue. What the hub dead-letters is read where an operator reads it: in the dead-letter
 * console, which consumes every dead-letter queue.
 */
@ExtendWith(RunningStack.class)
class HubEndToEndTests {

    static LocalStack stack;

    static RabbitManagement management;

    static HubRequests hub;

    static DeadLetterConsole console;

    @BeforeAll
    static void stack(LocalStack running) {
        stack = running;
        management = TestBroker.get().management();
        hub = new HubRequests(running);
        console = new DeadLetterConsole(running);
    }

    @AfterEach
    void resetCreatio() {
        hub.resetCreatio();
    }

    @Test
    void creatioFailingTwiceThenRecoveringStillCompletesTheRequestOnce() {
        hub.injectCreatioFailures(2, 503);

        String requestId = hub.sendToCrm("ORD-E2E-1", false);

        JsonNode request = hub.awaitState(requestId, "COMPLETED");
        assertThat(request.get("responses")).hasSize(1);
        assertThat(hub.creatioOrders()).contains("ORD-E2E-1", "Shipped");
    }

    @Test
    void creatioDownBeyondTheRetriesDeadLettersTheRequestAndTells1cWhy() {
        hub.injectCreatioFailures(20, 503);

        String requestId = hub.sendToCrm("ORD-E2E-2", false);

        JsonNode request = hub.awaitState(requestId, "FAILED");
        assertThat(request.get("reason").asString()).contains("503");
        JsonNode dead = console.awaitOne(Map.of("queue", "crm_dead_letter_queue", "request_id", requestId));
        // three quick attempts, then one delayed retry of three more
        assertThat(dead.get("attempts").asInt()).isEqualTo(6);
        assertThat(dead.get("failure_kind").asString()).isEqualTo("retries-exhausted");
        assertThat(dead.get("exception_message").asString()).contains("503");
        assertThat(dead.get("failed_service").asString()).isEqualTo("crm-adapter");
        assertThat(dead.get("state").asString()).isEqualTo("pending");
        // the headers of the failure, as the broker delivered them to the console
        JsonNode headers = dead.get("headers");
        assertThat(headers.get("x-attempts").asInt()).isEqualTo(6);
        assertThat(headers.get("x-failure-kind").asString()).isEqualTo("retries-exhausted");
        assertThat(headers.get("x-exception-message").asString()).contains("503");
        assertThat(headers.get("x-failed-service").asString()).isEqualTo("crm-adapter");
    }

    @Test
    void anExpiredCreatioSessionIsRenewed() {
        hub.awaitState(hub.sendToCrm("ORD-E2E-3", false), "COMPLETED");
        int loginsBefore = hub.creatioStats().get("successfulLogins").asInt();
        hub.expireCreatioSessions();

        hub.awaitState(hub.sendToCrm("ORD-E2E-3", false), "COMPLETED");

        assertThat(hub.creatioStats().get("successfulLogins").asInt()).isGreaterThan(loginsBefore);
    }

    @Test
    void aRefusalOfCreatioComesBackTo1cAsFailedWithTheReasonAndIsDeadLetteredForAReplay() {
        // 400: Creatio refuses the request itself (a 404 under a remembered GUID is looked up again once instead)
        hub.injectCreatioFailures(1, 400);

        String requestId = hub.sendToCrm("ORD-E2E-400", false);

        JsonNode request = hub.awaitState(requestId, "FAILED");
        assertThat(request.get("reason").asString()).contains("400");
        // permanent: dead-lettered at once, not retried, and in the console for a replay once Creatio is put right
        JsonNode dead = console.awaitOne(Map.of("queue", "crm_dead_letter_queue", "request_id", requestId));
        assertThat(dead.get("failure_kind").asString()).isEqualTo("permanent");
        assertThat(dead.get("exception_message").asString()).contains("400");
    }

    @Test
    void theCrmPathWithThePolicyLookupCompletesWithThePolicy() {
        String requestId = hub.sendToCrm("ORD-E2E-5", true);

        JsonNode request = hub.awaitState(requestId, "COMPLETED");
        assertThat(request.get("responses").toString()).contains("POL-ORD-E2E-5", "insurer_name");
        assertThat(hub.creatioOrders()).contains("ORD-E2E-5", "PolicyNumber", "POL-ORD-E2E-5");
    }

    @Test
    void aPoisonMessageOnEveryQueueIsDeadLetteredAndTheAdaptersKeepServing() {
        Map<String, String> poison = Map.of(
                "1c.request.dms.create_user", "dms_dead_letter_queue",
                "1c.request.crm.update_order_status", "crm_dead_letter_queue",
                "dms.response.1c.user_created", "1c_dead_letter_queue");
        poison.forEach((routingKey, deadLetterQueue) -> {
            String body = "poison for " + routingKey + " " + UUID.randomUUID();
            assertThat(management.publish(stack.virtualHost(), "main_exchange", routingKey, body))
                    .isTrue();
            // not JSON: no request id to filter by, so found by its body among the queue's permanent failures
            JsonNode dead = console.awaitWithBody(
                    Map.of("queue", deadLetterQueue, "failure_kind", "permanent", "state", "pending"), body);
            assertThat(dead.get("failure_kind").asString()).isEqualTo("permanent");
            assertThat(dead.get("attempts").asInt()).isEqualTo(1);
            assertThat(dead.get("routing_key").asString()).isEqualTo(routingKey);
            assertThat(dead.at("/headers/x-failure-kind").asString()).isEqualTo("permanent");
            assertThat(dead.at("/headers/x-attempts").asInt()).isEqualTo(1);
        });

        hub.awaitState(hub.sendToDms(), "COMPLETED");
        hub.awaitState(hub.sendToCrm("ORD-E2E-6", true), "COMPLETED");
    }
}
