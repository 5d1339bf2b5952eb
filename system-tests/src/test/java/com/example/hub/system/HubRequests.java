package com.example.hub.system;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * What the end-to-end tests do at the edges of the running stack: send requests to 1C over HTTP (with 1C's key) and
 * read them back from its journal, and make fake Creatio fail, expire its sessions or recover through its test
 * controls.
 */
final class HubRequests {

    private final LocalStack stack;

    HubRequests(LocalStack stack) {
        this.stack = stack;
    }

    /**
     * Sends an order status to CRM through 1C.
     *
     * @param orderId the order
     * @param needsPolicyInfo whether CRM asks DMS for the policy first
     * @return the request id, new for every call
     */
    String sendToCrm(String orderId, boolean needsPolicyInfo) {
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

    /**
     * Sends a new user to DMS through 1C.
     *
     * @return the request id, new for every call
     */
    String sendToDms() {
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

    /**
     * Waits until 1C's journal shows the request in a state ({@code GET /requests/{id}}).
     *
     * @param requestId the request
     * @param state such as {@code COMPLETED}
     * @return the journal's request
     */
    JsonNode awaitState(String requestId, String state) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> journal(requestId),
                        request -> state.equals(request.get("state").asString()));
    }

    /** The request as 1C's journal shows it now. */
    JsonNode journal(String requestId) {
        return onec().get().uri("/requests/{id}", requestId).retrieve().body(JsonNode.class);
    }

    /** Makes fake Creatio answer the next {@code count} OData calls with {@code status}. */
    void injectCreatioFailures(int count, int status) {
        creatio()
                .post()
                .uri("/test-control/failures")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("count", count, "status", status, "target", "odata"))
                .retrieve()
                .toBodilessEntity();
    }

    /** Fake Creatio answers again: the failures still pending are dropped. */
    void creatioRecovers() {
        creatio().delete().uri("/test-control/failures").retrieve().toBodilessEntity();
    }

    /**
     * Resets fake Creatio (failures, sessions, orders and patch counts) and waits until the CRM adapter is ready again:
     * its session check may have met an injected failure.
     */
    void resetCreatio() {
        creatio().post().uri("/test-control/reset").retrieve().toBodilessEntity();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(this::crmReady);
    }

    private boolean crmReady() {
        return RestClient.create("http://127.0.0.1:" + this.stack.port("CRM_PORT"))
                .get()
                .uri("/actuator/health/readiness")
                .retrieve()
                .onStatus(status -> true, (request, response) -> {})
                .toBodilessEntity()
                .getStatusCode()
                .is2xxSuccessful();
    }

    /** Fake Creatio's orders, as JSON text. */
    String creatioOrders() {
        return creatio().get().uri("/test-control/orders").retrieve().body(String.class);
    }

    /** How often fake Creatio patched each order, by the fields patched. */
    JsonNode creatioPatches() {
        return creatio().get().uri("/test-control/patches").retrieve().body(JsonNode.class);
    }

    JsonNode creatioStats() {
        return creatio().get().uri("/test-control/stats").retrieve().body(JsonNode.class);
    }

    void expireCreatioSessions() {
        creatio().post().uri("/test-control/expire-sessions").retrieve().toBodilessEntity();
    }

    private RestClient onec() {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + this.stack.port("ONEC_PORT"))
                .defaultHeader(ApiKeys.HEADER, ApiKeys.ONEC)
                .build();
    }

    private RestClient creatio() {
        return RestClient.create("http://127.0.0.1:" + this.stack.port("FAKE_CREATIO_PORT"));
    }
}
