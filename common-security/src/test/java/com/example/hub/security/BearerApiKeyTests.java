package com.example.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A key as {@code Authorization: Bearer <key>} (what Prometheus sends) over real HTTP, in an application started as
 * the hub's are (so with the {@code metrics} client of {@link HubSecurityDefaults}): the same keys and roles as in
 * {@code X-API-Key}; two different keys refused; the metrics key reads {@code /actuator/prometheus} and nothing else.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "hub.security.clients.reader.roles=READ",
            "hub.security.clients.reader.keys=" + BearerApiKeyTests.READER_KEY,
            "hub.security.clients.operator.roles=OPERATOR",
            "hub.security.clients.operator.keys=" + BearerApiKeyTests.OPERATOR_KEY,
            // as HUB_API_KEYS_METRICS would, through the metrics client's default
            "HUB_API_KEYS_METRICS=" + BearerApiKeyTests.METRICS_KEY,
            "management.endpoints.web.exposure.include=health,info,prometheus"
        })
class BearerApiKeyTests {

    static final String READER_KEY = "reader-key-0123456789-0123456789-0123456789";

    static final String OPERATOR_KEY = "operator-key-0123456789-0123456789-012345678";

    static final String METRICS_KEY = "metrics-key-0123456789-0123456789-0123456789";

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = new JsonMapper();

    @LocalServerPort
    private int port;

    @Autowired
    private HubSecurityProperties properties;

    @Test
    void takesABearerTokenAsTheSameKeyWithTheSameRoles() throws Exception {
        HttpResponse<String> bearer = get("/items", "Authorization", "Bearer " + READER_KEY);
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(bearer.body()).isEqualTo("read by reader");
        // the scheme's name in any case, as RFC 9110 has it; the same key in both headers is one key
        assertThat(get("/items", "Authorization", "bearer " + READER_KEY).body())
                .isEqualTo("read by reader");
        assertThat(get("/items", "X-API-Key", READER_KEY, "Authorization", "Bearer " + READER_KEY)
                        .statusCode())
                .isEqualTo(200);
        // the operator's key has no READ role in either header
        assertThat(get("/items", "Authorization", "Bearer " + OPERATOR_KEY).statusCode())
                .isEqualTo(403);
    }

    @Test
    void refusesTwoDifferentKeysEvenWhenOneIsValid() throws Exception {
        assertUnauthorized(get("/items", "X-API-Key", READER_KEY, "Authorization", "Bearer " + OPERATOR_KEY));
        assertUnauthorized(get("/items", "X-API-Key", READER_KEY, "Authorization", "Bearer not-a-key"));
        assertUnauthorized(get("/items", "X-API-Key", "not-a-key", "Authorization", "Bearer " + READER_KEY));
    }

    @Test
    void answersAnUnknownOrEmptyBearerTokenOrAnotherScheme401() throws Exception {
        assertUnauthorized(get("/items", "Authorization", "Bearer not-a-key"));
        assertUnauthorized(get("/items", "Authorization", "Bearer "));
        assertUnauthorized(get("/items", "Authorization", "Bearer"));
        // Basic is not a way to send an API key: as without one
        assertUnauthorized(get("/items", "Authorization", "Basic cmVhZGVyOnNlY3JldA=="));
        assertUnauthorized(get("/items", "Authorization", "Bearer" + READER_KEY));
    }

    @Test
    void letsTheMetricsKeyReadThePrometheusEndpointAndNothingElse() throws Exception {
        assertThat(this.properties.clients().get("metrics").roles()).containsExactly(HubRoles.METRICS);
        HttpResponse<String> scrape = get("/actuator/prometheus", "Authorization", "Bearer " + METRICS_KEY);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
        assertThat(get("/actuator/prometheus", "X-API-Key", METRICS_KEY).statusCode())
                .isEqualTo(200);
        assertThat(get("/actuator/health", "Authorization", "Bearer " + METRICS_KEY)
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/actuator/info", "Authorization", "Bearer " + METRICS_KEY)
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/items", "Authorization", "Bearer " + METRICS_KEY).statusCode())
                .isEqualTo(403);
        // the operator reads it too; the reader does not, nor anyone without a key
        assertThat(get("/actuator/prometheus", "Authorization", "Bearer " + OPERATOR_KEY)
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/actuator/prometheus", "Authorization", "Bearer " + READER_KEY)
                        .statusCode())
                .isEqualTo(403);
        assertUnauthorized(get("/actuator/prometheus"));
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("ApiKey header=\"X-API-Key\"");
        JsonNode problem = this.json.readTree(response.body());
        List<String> fields = new ArrayList<>();
        problem.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactly("type", "title", "status", "detail", "instance");
        assertThat(problem.get("type").asString()).isEqualTo(SecurityProblems.UNAUTHORIZED.toString());
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asString()).isEqualTo("A valid API key in the X-API-Key header is needed");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {

        @Bean
        ItemController itemController() {
            return new ItemController();
        }

        @Bean
        HubAccessRules itemRules() {
            return requests ->
                    requests.requestMatchers(HttpMethod.GET, "/items").hasRole(HubRoles.READ);
        }
    }

    @RestController
    static class ItemController {

        @GetMapping("/items")
        String read(Principal client) {
            return "read by " + client.getName();
        }
    }
}
