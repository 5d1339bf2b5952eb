package com.example.hub.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.creatio.FakeCreatioServer;
import com.example.hub.testsupport.BrokerTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may use the CRM adapter, over real HTTP: the probes answer anyone with their status alone; every other endpoint
 * answers 401 without a key or with an unknown one, 403 to a client without the role, and works with the right key,
 * either of two at once, plain or configured as its {@code sha256:} hash.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:crm-security-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            // the reader's key (its sha256: form) and the next one (plain), both valid while the reader changes over
            "hub.security.clients.reader.keys=sha256:554873f7a9f5dc7e0f9ebe2bf0ee0efeb8b62acff83bb523a5d23b826088d942,"
                    + CrmSecurityTests.READER_NEXT_KEY
        })
@BrokerTest
class CrmSecurityTests {

    static final String READER_NEXT_KEY = "test-reader-next-key-for-the-module-tests";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> PATHS =
            List.of("/actuator", "/actuator/health", "/actuator/info", "/actuator/prometheus", "/nothing-here");

    private static FakeCreatioServer creatio;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startFakeCreatio() {
        creatio = FakeCreatioServer.start();
    }

    @AfterAll
    static void stopFakeCreatio() {
        creatio.close();
    }

    @DynamicPropertySource
    static void creatioBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("creatio.base-url", () -> creatio.baseUrl().toString());
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
        for (String key : new String[] {null, "", "not-a-key-of-anyone", TestClients.READER_KEY + "x"}) {
            for (String path : PATHS) {
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
        for (String key : List.of(TestClients.READER_KEY, TestClients.ONEC_KEY)) {
            Reply refused = get("/actuator/health", key);
            assertThat(refused.status().value()).isEqualTo(403);
            assertThat(refused.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.body().path("type").asString()).isEqualTo("https://hub.example.com/problems/forbidden");
            assertThat(refused.body().path("status").asInt()).isEqualTo(403);
        }
        Reply health = get("/actuator/health", TestClients.OPERATOR_KEY);
        assertThat(health.status().value()).isEqualTo(200);
        assertThat(health.body().path("components").has("rabbit")).isTrue();
        assertThat(get("/actuator/health/readiness", TestClients.OPERATOR_KEY)
                        .body()
                        .has("components"))
                .isTrue();
        assertThat(get("/actuator/info", TestClients.OPERATOR_KEY).status().value())
                .isEqualTo(200);
        assertThat(get("/actuator/prometheus", TestClients.OPERATOR_KEY)
                        .status()
                        .value())
                .isEqualTo(200);
    }

    @Test
    void theReaderKeysAreEitherOfTwoButReadNoActuator() {
        for (String key : List.of(TestClients.READER_KEY, READER_NEXT_KEY)) {
            // known keys: 403, not 401
            assertThat(get("/actuator/info", key).status().value()).isEqualTo(403);
        }
    }

    private Reply get(String path, @Nullable String key) {
        RestClient.RequestHeadersSpec<?> request =
                RestClient.create("http://localhost:" + this.port).get().uri(path);
        if (key != null) {
            request = request.header(TestClients.HEADER, key);
        }
        return request.exchange((req, response) -> {
            String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            return new Reply(
                    response.getStatusCode(),
                    response.getHeaders(),
                    body.isEmpty() || !body.startsWith("{") ? JSON.missingNode() : JSON.readTree(body));
        });
    }

    private record Reply(HttpStatusCode status, HttpHeaders headers, JsonNode body) {

        @Nullable
        MediaType contentType() {
            return this.headers.getContentType();
        }
    }
}
