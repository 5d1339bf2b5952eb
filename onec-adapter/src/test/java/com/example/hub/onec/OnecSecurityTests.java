package com.example.hub.onec;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.security.TestApiKeys;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Who may use the adapter, over real HTTP: the probes answer anyone with their status alone; every other endpoint
 * answers 401 without a key or with an unknown one, 403 to a client without the role, and works with the right key,
 * either of two at once, plain or configured as its {@code sha256:} hash; the journal shows which client sent a
 * request.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:onec-security-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            // 1C's key and the next one, both valid while 1C changes over
            "hub.security.clients.1c.keys=" + TestApiKeys.ONEC_KEY + "," + OnecSecurityTests.ONEC_NEXT_KEY,
            // another calling system, added by properties alone
            "hub.security.clients.erp.roles=SEND",
            "hub.security.clients.erp.keys=" + OnecSecurityTests.ERP_KEY
        })
@BrokerTest
class OnecSecurityTests {

    static final String ONEC_NEXT_KEY = "test-1c-next-key-for-the-module-tests";

    static final String ERP_KEY = "test-erp-key-for-the-module-tests";

    private static final List<String> GETS = List.of(
            "/requests",
            "/requests/ANY",
            "/responses/unmatched",
            "/actuator",
            "/actuator/health",
            "/actuator/info",
            "/actuator/prometheus",
            "/nothing-here");

    private static final List<String> POSTS = List.of("/send_to_dms", "/send_to_crm");

    @LocalServerPort
    int port;

    @Test
    void theProbesAnswerAnyoneWithTheirStatusAlone() {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpReply reply = HttpReply.get(HttpReply.client(this.port, null), probe);

            assertThat(reply.status()).as(probe).isEqualTo(HttpStatus.OK);
            assertThat(reply.text("status")).as(probe).isEqualTo("UP");
            assertThat(reply.body().has("components")).as(probe).isFalse();
            assertThat(reply.body().has("details")).as(probe).isFalse();
        }
    }

    @Test
    void everyOtherEndpointIs401WithoutAKeyOrWithAnUnknownOne() {
        for (String key : new String[] {null, "", "not-a-key-of-anyone", TestApiKeys.ONEC_KEY + "x"}) {
            RestClient http = HttpReply.client(this.port, key);
            for (String path : GETS) {
                assertUnauthorized(HttpReply.get(http, path), path);
            }
            for (String path : POSTS) {
                assertUnauthorized(HttpReply.post(http, path, dmsBody(newRequestId())), path);
            }
        }
    }

    @Test
    void aReaderMayReadTheJournalButNotSend() {
        // the reader's key is configured as its sha256: hash (src/test/resources/application.properties)
        RestClient reader = HttpReply.client(this.port, TestApiKeys.READER_KEY);

        assertThat(HttpReply.get(reader, "/requests").status()).isEqualTo(HttpStatus.OK);
        for (String path : POSTS) {
            HttpReply refused = HttpReply.post(reader, path, dmsBody(newRequestId()));
            assertThat(refused.status()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(refused.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.text("type")).isEqualTo("https://hub.example.com/problems/forbidden");
            assertThat(refused.text("title")).isEqualTo("Forbidden");
            assertThat(refused.body().get("status").asInt()).isEqualTo(403);
        }
        assertThat(HttpReply.get(reader, "/actuator/health").status()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void onlyTheOperatorReadsTheActuator() {
        RestClient operator = HttpReply.client(this.port, TestApiKeys.OPERATOR_KEY);
        RestClient onec = HttpReply.client(this.port);

        for (String path : List.of("/actuator/health", "/actuator/info")) {
            assertThat(HttpReply.get(onec, path).status()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(HttpReply.get(operator, path).status()).as(path).isEqualTo(HttpStatus.OK);
        }
        String prometheus =
                operator.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(prometheus).contains("hub_publish");
        HttpReply readiness = HttpReply.get(operator, "/actuator/health/readiness");
        assertThat(readiness.body().get("components").has("rabbit")).isTrue();
        assertThat(HttpReply.get(operator, "/requests").status()).isEqualTo(HttpStatus.OK);
        assertThat(HttpReply.post(operator, "/send_to_dms", dmsBody(newRequestId()))
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void eitherOfTwoKeysSendsAndTheJournalShowsTheClient() {
        for (String key : List.of(TestApiKeys.ONEC_KEY, ONEC_NEXT_KEY)) {
            AdapterHttp onec = new AdapterHttp(HttpReply.client(this.port, key));
            String requestId = newRequestId();

            HttpReply accepted = onec.post("/send_to_dms", dmsBody(requestId));

            assertThat(accepted.status()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(onec.get("/requests/" + requestId).text("submitted_by")).isEqualTo("1c");
        }
    }

    @Test
    void aClientAddedByPropertiesIsRecordedByItsName() {
        String requestId = newRequestId();
        HttpReply accepted = HttpReply.post(HttpReply.client(this.port, ERP_KEY), "/send_to_dms", dmsBody(requestId));

        assertThat(accepted.status()).isEqualTo(HttpStatus.ACCEPTED);
        // erp may send but not read: the journal is read with 1C's key
        assertThat(HttpReply.get(HttpReply.client(this.port, ERP_KEY), "/requests/" + requestId)
                        .status())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(HttpReply.get(HttpReply.client(this.port), "/requests/" + requestId)
                        .text("submitted_by"))
                .isEqualTo("erp");
    }

    private static void assertUnauthorized(HttpReply reply, String path) {
        assertThat(reply.status()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(reply.headers().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reply.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).doesNotContain("Basic");
        assertThat(reply.text("type")).isEqualTo("https://hub.example.com/problems/unauthorized");
        assertThat(reply.text("title")).isEqualTo("Unauthorized");
        assertThat(reply.body().get("status").asInt()).isEqualTo(401);
        assertThat(reply.text("detail")).isEqualTo("A valid API key in the X-API-Key header is needed");
    }

    private static String newRequestId() {
        return "SEC_" + UUID.randomUUID();
    }

    private static String dmsBody(String requestId) {
        return """
                {"request_id": "%s", "user_id": "U1", "name": "Ivan Ivanov", "email": "ivan@example.com"}
                """.formatted(requestId);
    }
}
