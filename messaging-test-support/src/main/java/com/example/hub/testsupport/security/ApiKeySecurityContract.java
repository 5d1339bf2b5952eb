package com.example.hub.testsupport.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may use an app of the hub, over real HTTP, as every app answers it: the probes answer anyone with their status
 * alone; every other endpoint answers 401 without a key or with an unknown one; only the operator reads the actuator,
 * 1C and the reader get 403. A test class of an app extends it, starts the app on a random port, names its endpoints,
 * and adds what its own clients may do, asking with {@link #get(String, String)}.
 */
public abstract class ApiKeySecurityContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> paths;

    @LocalServerPort
    private int port;

    /**
     * The contract for one app, whose clients have the keys of {@link TestApiKeys}.
     *
     * @param paths the endpoints that no one may use without a key, the actuator's among them
     */
    protected ApiKeySecurityContract(List<String> paths) {
        this.paths = List.copyOf(paths);
    }

    /**
     * An app's own endpoints, then the actuator's ({@code /actuator}, its health, info and Prometheus endpoints) and
     * a path that nothing answers: the endpoints of a typical app for {@link #ApiKeySecurityContract(List)}.
     *
     * @param appPaths the app's own endpoints
     * @return all of them
     */
    protected static List<String> withTheActuator(String... appPaths) {
        List<String> paths = new ArrayList<>(Arrays.asList(appPaths));
        paths.addAll(
                List.of("/actuator", "/actuator/health", "/actuator/info", "/actuator/prometheus", "/nothing-here"));
        return paths;
    }

    @Test
    void theProbesAnswerAnyoneWithTheirStatusAlone() {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            Reply reply = get(probe, null);

            assertThat(reply.status().value()).as(probe).isEqualTo(200);
            assertThat(reply.body().path("status").asString()).as(probe).isEqualTo("UP");
            assertThat(reply.body().has("components")).as(probe).isFalse();
            assertThat(reply.body().has("details")).as(probe).isFalse();
        }
    }

    @Test
    void everyOtherEndpointIs401WithoutAKeyOrWithAnUnknownOne() {
        List<@Nullable String> unknown =
                new ArrayList<>(Arrays.asList(null, "", "not-a-key-of-anyone", TestApiKeys.READER_KEY + "x"));
        for (String key : unknown) {
            for (String path : this.paths) {
                Reply reply = get(path, key);
                assertThat(reply.status().value()).as(path).isEqualTo(401);
                assertThat(reply.contentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(reply.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                        .doesNotContain("Basic");
                assertThat(reply.body().path("type").asString())
                        .isEqualTo("https://hub.example.com/problems/unauthorized");
                assertThat(reply.body().path("title").asString()).isEqualTo("Unauthorized");
                assertThat(reply.body().path("status").asInt()).isEqualTo(401);
            }
        }
    }

    @Test
    void onlyTheOperatorReadsTheActuator() {
        for (String key : List.of(TestApiKeys.READER_KEY, TestApiKeys.ONEC_KEY)) {
            Reply refused = get("/actuator/health", key);
            assertThat(refused.status().value()).isEqualTo(403);
            assertThat(refused.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.body().path("type").asString()).isEqualTo("https://hub.example.com/problems/forbidden");
            assertThat(refused.body().path("status").asInt()).isEqualTo(403);
        }
        Reply health = get("/actuator/health", TestApiKeys.OPERATOR_KEY);
        assertThat(health.status().value()).isEqualTo(200);
        assertThat(health.body().path("components").has("rabbit")).isTrue();
        assertThat(get("/actuator/health/readiness", TestApiKeys.OPERATOR_KEY)
                        .body()
                        .has("components"))
                .isTrue();
        assertThat(get("/actuator/info", TestApiKeys.OPERATOR_KEY).status().value())
                .isEqualTo(200);
        assertThat(get("/actuator/prometheus", TestApiKeys.OPERATOR_KEY)
                        .status()
                        .value())
                .isEqualTo(200);
    }

    /**
     * Sends a {@code GET} to the app.
     *
     * @param path the path
     * @param key the API key to send, none for {@code null}
     * @return the answer
     */
    protected Reply get(String path, @Nullable String key) {
        RestClient.RequestHeadersSpec<?> request =
                RestClient.create("http://localhost:" + this.port).get().uri(path);
        if (key != null) {
            request = request.header(TestApiKeys.HEADER, key);
        }
        return request.exchange((req, response) -> {
            String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            return new Reply(
                    response.getStatusCode(),
                    response.getHeaders(),
                    body.isEmpty() || !body.startsWith("{") ? JSON.missingNode() : JSON.readTree(body));
        });
    }

    /**
     * An answer.
     *
     * @param status its status
     * @param headers its headers
     * @param body its JSON body, a missing node for none or another kind
     */
    protected record Reply(HttpStatusCode status, HttpHeaders headers, JsonNode body) {

        @Nullable
        MediaType contentType() {
            return this.headers.getContentType();
        }
    }
}
