package com.example.hub.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.testsupport.RabbitManagement;
import com.example.hub.testsupport.TestBroker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    /** The trace id in a log line's correlation ({@code [<trace id>-<span id>]}). */
    private static final Pattern TRACE_ID = Pattern.compile("\\[([0-9a-f]{32})-[0-9a-f]{16}\\]");

    static LocalStack stack;

    @BeforeAll
    static void stack(LocalStack running) {
        stack = running;
    }

    @Test
    @Order(1)
    void everyAppIsHealthy() {
        for (String port : List.of("ONEC_PORT", "DMS_PORT", "CRM_PORT", "SOINDI_PORT", "CONSOLE_PORT")) {
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
                List.of(
                        "hub_publish_seconds_count",
                        "spring_rabbit_listener_seconds_count",
                        "creatio_calls_seconds_count{application=\"crm-adapter\",error=\"none\",operation=\"update_order\",outcome=\"success\"}"),
                "SOINDI_PORT",
                // a batch listener, which Spring AMQP does not observe: the RabbitMQ client's meters count its messages
                List.of("rabbitmq_acknowledged_total{application=\"soindi-consumer\""),
                "CONSOLE_PORT",
                List.of("rabbitmq_connections{application=\"hub-console\""));
        expected.forEach((port, series) -> {
            String scrape = client(port, ApiKeys.OPERATOR)
                    .get()
                    .uri("/actuator/prometheus")
                    .retrieve()
                    .body(String.class);
            assertThat(scrape).as(port).contains(series);
        });
    }

    @Test
    @Order(6)
    void oneTraceFollowsTheRequestToCrmThroughEveryApp() throws Exception {
        // 1C -> CRM -> DMS (the policy) -> CRM -> 1C: every app's log lines about the request carry one trace id
        Map<String, Set<String>> traces = new TreeMap<>();
        for (String app : List.of("onec-adapter", "crm-adapter", "dms-adapter")) {
            try (Stream<String> lines = Files.lines(stack.log(app))) {
                traces.put(
                        app,
                        lines.filter(line -> line.contains("ORDER_REQ_002"))
                                .map(TRACE_ID::matcher)
                                .filter(Matcher::find)
                                .map(matcher -> matcher.group(1))
                                .collect(Collectors.toSet()));
            }
        }
        assertThat(traces).allSatisfy((app, ids) -> assertThat(ids).as(app).hasSize(1));
        assertThat(traces.values().stream().flatMap(Set::stream).distinct()).hasSize(1);
    }

    @Test
    @Order(7)
    void withoutAKeyOnlyTheProbesAnswer() {
        for (String port : List.of("ONEC_PORT", "DMS_PORT", "CRM_PORT", "SOINDI_PORT", "CONSOLE_PORT")) {
            RestClient anonymous = RestClient.create("http://127.0.0.1:" + stack.port(port));
            JsonNode readiness =
                    anonymous.get().uri("/actuator/health/readiness").retrieve().body(JsonNode.class);
            assertThat(readiness.get("status").asString()).as(port).isEqualTo("UP");
            assertThat(readiness.has("components")).as(port + ": no details").isFalse();
            ResponseEntity<String> metrics = anonymous
                    .get()
                    .uri("/actuator/prometheus")
                    .retrieve()
                    .onStatus(status -> true, (request, response) -> {})
                    .toEntity(String.class);
            assertThat(metrics.getStatusCode().value()).as(port).isEqualTo(401);
            assertThat(metrics.getHeaders().getContentType()).as(port).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        ResponseEntity<String> send = RestClient.create("http://127.0.0.1:" + stack.port("ONEC_PORT"))
                .post()
                .uri("/send_to_dms")
                .contentType(MediaType.APPLICATION_JSON)
                .body(SEND_TO_DMS.replace("USER_REQ_001", "USER_NO_KEY"))
                .retrieve()
                .onStatus(status -> true, (request, response) -> {})
                .toEntity(String.class);
        assertThat(send.getStatusCode().value()).isEqualTo(401);
        RestClient console = RestClient.create("http://127.0.0.1:" + stack.port("CONSOLE_PORT"));
        for (String path : List.of("/dead-letters", "/dead-letters/groups", "/dead-letters/audit")) {
            ResponseEntity<String> read = console.get()
                    .uri(path)
                    .retrieve()
                    .onStatus(status -> true, (request, response) -> {})
                    .toEntity(String.class);
            assertThat(read.getStatusCode().value()).as(path).isEqualTo(401);
            assertThat(read.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        ResponseEntity<String> replay = console.post()
                .uri("/dead-letters/1/replay")
                .retrieve()
                .onStatus(status -> true, (request, response) -> {})
                .toEntity(String.class);
        assertThat(replay.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    @Order(8)
    void theConsoleConsumesEveryDeadLetterQueue() {
        RabbitManagement management = TestBroker.get().management();
        for (String queue : List.of(
                "1c_dead_letter_queue",
                "dms_dead_letter_queue",
                "crm_dead_letter_queue",
                "odoo_events_dead_letter_queue")) {
            assertThat(management
                            .queue(stack.virtualHost(), queue)
                            .get("consumers")
                            .asInt())
                    .as(queue + "'s consumers")
                    .isPositive();
        }
        JsonNode page = client("CONSOLE_PORT", ApiKeys.READER)
                .get()
                .uri("/dead-letters?limit=1")
                .retrieve()
                .body(JsonNode.class);
        assertThat(page.has("total")).isTrue();
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

    /** A client of an app, with 1C's API key for the 1C adapter and the operator's for the others. */
    private static RestClient client(String portVariable) {
        return client(portVariable, "ONEC_PORT".equals(portVariable) ? ApiKeys.ONEC : ApiKeys.OPERATOR);
    }

    private static RestClient client(String portVariable, String apiKey) {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + stack.port(portVariable))
                .defaultHeader(ApiKeys.HEADER, apiKey)
                .build();
    }
}
