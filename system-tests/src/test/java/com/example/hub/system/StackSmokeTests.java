package com.example.hub.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The real stack, started from its jars by the local runner, as a user runs it: the README's two curl requests
 * complete, the odoo-producer's event reaches SOINDI, and every app is healthy; then everything is stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(RunningStack.class)
class StackSmokeTests {

    /** The README's first curl body, as written there. */
    static final String SEND_TO_DMS = """
            {"request_id":"USER_REQ_001","user_id":"U12345","name":"Иванов Иван","email":"ivanov@example.com"}""";

    /** The README's second curl body, as written there. */
    static final String SEND_TO_CRM = """
            {"request_id":"ORDER_REQ_002","order_id":"ORD9876","status":"Shipped","needs_policy_info":true}""";

    static LocalStack stack;

    @BeforeAll
    static void stack(LocalStack running) {
        stack = running;
    }

    @Test
    @Order(1)
    void everyAppIsHealthy() {
        for (String port : List.of("ONEC_PORT", "DMS_PORT", "CRM_PORT", "SOINDI_PORT")) {
            for (String probe : List.of("readiness", "liveness")) {
                JsonNode health = client(port)
                        .get()
                        .uri("/actuator/health/" + probe)
                        .retrieve()
                        .body(JsonNode.class);
                assertThat(health.get("status").asString())
                        .as(port + " " + probe)
                        .isEqualTo("UP");
            }
        }
    }

    @Test
    @Order(2)
    void theReadmeRequestToDmsCompletes() {
        ResponseEntity<JsonNode> accepted = post("/send_to_dms", SEND_TO_DMS);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getBody().get("request_id").asString()).isEqualTo("USER_REQ_001");
        JsonNode request = awaitCompleted("USER_REQ_001");
        assertThat(request.get("responses").toString()).contains("dms_user_id", "DMS-USER-");
    }

    @Test
    @Order(3)
    void theReadmeRequestToCrmCompletesWithThePolicy() {
        ResponseEntity<JsonNode> accepted = post("/send_to_crm", SEND_TO_CRM);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        JsonNode request = awaitCompleted("ORDER_REQ_002");
        assertThat(request.get("responses").toString()).contains("ORD9876", "Shipped", "POL-ORD9876");
        JsonNode orders = client("FAKE_CREATIO_PORT")
                .get()
                .uri("/test-control/orders")
                .retrieve()
                .body(JsonNode.class);
        assertThat(orders.toString()).contains("ORD9876", "Shipped");
    }

    @Test
    @Order(4)
    void theOdooProducersEventIsAppliedBySoindi() throws Exception {
        int exit = stack.produce("--product-id=PROD-SMOKE-1", "--name=Smoke test product", "--price=12.5");

        assertThat(exit).as("odoo-producer's exit code").isZero();
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(HttpClientErrorException.NotFound.class)
                .untilAsserted(() -> {
                    JsonNode product = client("SOINDI_PORT")
                            .get()
                            .uri("/products/{id}", "PROD-SMOKE-1")
                            .retrieve()
                            .body(JsonNode.class);
                    assertThat(product.toString()).contains("Smoke test product", "12.5");
                });
    }

    @Test
    @Order(5)
    void everyAppServesItsMetricsToPrometheus() {
        // after the requests and the event above: each app has published, consumed and timed messages
        Map<String, List<String>> expected = Map.of(
                "ONEC_PORT",
                List.of(
                        "hub_publish_seconds_count{application=\"onec-adapter\",exchange=\"main_exchange\",outcome=\"confirmed\"}",
                        "spring_rabbit_listener_seconds_count"),
                "DMS_PORT",
                List.of("hub_publish_seconds_count", "spring_rabbit_listener_seconds_bucket"),
                "CRM_PORT",
                List.of("hub_publish_seconds_count", "spring_rabbit_listener_seconds_count"),
                "SOINDI_PORT",
                // a batch listener, which Spring AMQP does not observe: the RabbitMQ client's meters count its messages
                List.of("rabbitmq_acknowledged_total{application=\"soindi-consumer\""));
        expected.forEach((port, series) -> {
            String scrape =
                    client(port).get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(scrape).as(port).contains(series);
        });
    }

    private static JsonNode awaitCompleted(String requestId) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> client("ONEC_PORT")
                                .get()
                                .uri("/requests/{id}", requestId)
                                .retrieve()
                                .body(JsonNode.class),
                        request -> "COMPLETED".equals(request.get("state").asString()));
    }

    private static ResponseEntity<JsonNode> post(String path, String body) {
        return client("ONEC_PORT")
                .post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private static RestClient client(String portVariable) {
        return RestClient.create("http://127.0.0.1:" + stack.port(portVariable));
    }
}
