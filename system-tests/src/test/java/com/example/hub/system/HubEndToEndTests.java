package com.example.hub.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.testsupport.RabbitManagement;
import com.example.hub.testsupport.TestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The enterprise hub across its four apps and the broker, each app in its own process: requests go in over HTTP at
 * 1C and come back into its journal, while fake-creatio fails, expires sessions or does not know an order, and poison
 * messages arrive on every queue.
 */
@ExtendWith(RunningStack.class)
class HubEndToEndTests {

    static LocalStack stack;

    static RabbitManagement management;

    @BeforeAll
    static void stack(LocalStack running) {
        stack = running;
        management = TestBroker.get().management();
    }

    @AfterEach
    void resetCreatio() {
        creatio().post().uri("/test-control/reset").retrieve().toBodilessEntity();
        // the CRM adapter's session check may have met an injected failure: the next test starts with it ready again
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(HubEndToEndTests::crmReady);
    }

    private static boolean crmReady() {
        return RestClient.create("http://127.0.0.1:" + stack.port("CRM_PORT"))
                .get()
                .uri("/actuator/health/readiness")
                .retrieve()
                .onStatus(status -> true, (request, response) -> {})
                .toBodilessEntity()
                .getStatusCode()
                .is2xxSuccessful();
    }

    @Test
    void creatioFailingTwiceThenRecoveringStillCompletesTheRequestOnce() {
        injectCreatioFailures(2, 503);

        String requestId = sendToCrm("ORD-E2E-1", false);

        JsonNode request = awaitState(requestId, "COMPLETED");
        assertThat(request.get("responses")).hasSize(1);
        assertThat(creatioOrders()).contains("ORD-E2E-1", "Shipped");
    }

    @Test
    void creatioDownBeyondTheRetriesDeadLettersTheRequestAndTells1cWhy() {
        injectCreatioFailures(20, 503);

        String requestId = sendToCrm("ORD-E2E-2", false);

        JsonNode request = awaitState(requestId, "FAILED");
        assertThat(request.get("reason").asString()).contains("503");
        JsonNode dead = awaitDeadLetter("crm_dead_letter_queue", requestId);
        JsonNode headers = dead.at("/properties/headers");
        // three quick attempts, then one delayed retry of three more
        assertThat(headers.get("x-attempts").asInt()).isEqualTo(6);
        assertThat(headers.get("x-failure-kind").asString()).isEqualTo("retries-exhausted");
        assertThat(headers.get("x-exception-message").asString()).contains("503");
        assertThat(headers.get("x-failed-service").asString()).isEqualTo("crm-adapter");
    }

    @Test
    void anExpiredCreatioSessionIsRenewed() {
        awaitState(sendToCrm("ORD-E2E-3", false), "COMPLETED");
        int loginsBefore = creatioStats().get("successfulLogins").asInt();
        creatio().post().uri("/test-control/expire-sessions").retrieve().toBodilessEntity();

        awaitState(sendToCrm("ORD-E2E-3", false), "COMPLETED");

        assertThat(creatioStats().get("successfulLogins").asInt()).isGreaterThan(loginsBefore);
    }

    @Test
    void anOrderCreatioDoesNotKnowComesBackTo1cAsFailedWithTheReason() {
        injectCreatioFailures(1, 404);

        String requestId = sendToCrm("ORD-E2E-404", false);

        JsonNode request = awaitState(requestId, "FAILED");
        assertThat(request.get("reason").asString()).contains("404");
        assertThat(management.peek(stack.virtualHost(), "crm_dead_letter_queue", 100))
                .noneMatch(message -> message.get("payload").asString().contains(requestId));
    }

    @Test
    void theCrmPathWithThePolicyLookupCompletesWithThePolicy() {
        String requestId = sendToCrm("ORD-E2E-5", true);

        JsonNode request = awaitState(requestId, "COMPLETED");
        assertThat(request.get("responses").toString()).contains("POL-ORD-E2E-5", "insurer_name");
        assertThat(creatioOrders()).contains("ORD-E2E-5", "PolicyNumber", "POL-ORD-E2E-5");
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
            JsonNode dead = await().atMost(Duration.ofSeconds(20))
                    .until(() -> find(deadLetterQueue, body), message -> message != null);
            assertThat(dead.at("/properties/headers/x-failure-kind").asString()).isEqualTo("permanent");
            assertThat(dead.at("/properties/headers/x-attempts").asInt()).isEqualTo(1);
        });

        awaitState(sendToDms(), "COMPLETED");
        awaitState(sendToCrm("ORD-E2E-6", true), "COMPLETED");
    }

    private static String sendToCrm(String orderId, boolean needsPolicyInfo) {
        String requestId = "E2E-" + UUID.randomUUID();
        onec().post()
                .uri("/send_to_crm")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "request_id",
                        requestId,
                        "order_id",
                        orderId,
                        "status",
                        "Shipped",
                        "needs_policy_info",
                        needsPolicyInfo))
                .retrieve()
                .toBodilessEntity();
        return requestId;
    }

    private static String sendToDms() {
        String requestId = "E2E-" + UUID.randomUUID();
        onec().post()
                .uri("/send_to_dms")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "request_id", requestId,
                        "user_id", "U-E2E",
                        "name", "Петров Пётр",
                        "email", "petrov@example.com"))
                .retrieve()
                .toBodilessEntity();
        return requestId;
    }

    private static JsonNode awaitState(String requestId, String state) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> onec().get()
                                .uri("/requests/{id}", requestId)
                                .retrieve()
                                .body(JsonNode.class),
                        request -> state.equals(request.get("state").asString()));
    }

    private static JsonNode awaitDeadLetter(String queue, String requestId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> find(queue, requestId), message -> message != null);
    }

    private static JsonNode find(String queue, String text) {
        List<JsonNode> messages = management.peek(stack.virtualHost(), queue, 500);
        return messages.stream()
                .filter(message -> message.get("payload").asString().contains(text))
                .findFirst()
                .orElse(null);
    }

    private static void injectCreatioFailures(int count, int status) {
        creatio()
                .post()
                .uri("/test-control/failures")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("count", count, "status", status, "target", "odata"))
                .retrieve()
                .toBodilessEntity();
    }

    private static String creatioOrders() {
        return creatio().get().uri("/test-control/orders").retrieve().body(String.class);
    }

    private static JsonNode creatioStats() {
        return creatio().get().uri("/test-control/stats").retrieve().body(JsonNode.class);
    }

    private static RestClient onec() {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + stack.port("ONEC_PORT"))
                .defaultHeader(ApiKeys.HEADER, ApiKeys.ONEC)
                .build();
    }

    private static RestClient creatio() {
        return RestClient.create("http://127.0.0.1:" + stack.port("FAKE_CREATIO_PORT"));
    }
}
