package com.example.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.security.ApiKeySecurityContract;
import com.example.hub.testsupport.security.TestApiKeys;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Who may use the console, over real HTTP: the probes answer anyone; every other endpoint answers 401 without a key
 * or with an unknown one; reading the ledger needs READ, replaying and discarding OPERATOR (403 for a reader or 1C).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:console-security-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
@BrokerTest
class ConsoleSecurityTests extends ApiKeySecurityContract {

    private static final List<String> ACTIONS = List.of(
            "/dead-letters/1/replay",
            "/dead-letters/replay",
            "/dead-letters/groups/abc/replay",
            "/dead-letters/1/discard",
            "/dead-letters/discard",
            "/dead-letters/groups/abc/discard");

    @LocalServerPort
    int port;

    ConsoleSecurityTests() {
        super(List.of(
                "/dead-letters",
                "/dead-letters/1",
                "/dead-letters/groups",
                "/dead-letters/audit",
                "/actuator",
                "/actuator/health",
                "/actuator/prometheus",
                "/nothing-here"));
    }

    @Test
    void aReaderReadsTheLedgerAndAClientWithoutReadDoesNot() {
        for (String path : List.of("/dead-letters", "/dead-letters/groups", "/dead-letters/audit")) {
            assertThat(get(path, TestApiKeys.READER_KEY).status().value())
                    .as(path)
                    .isEqualTo(200);
            assertThat(get(path, TestApiKeys.OPERATOR_KEY).status().value())
                    .as(path)
                    .isEqualTo(200);
            assertThat(get(path, TestApiKeys.ONEC_KEY).status().value())
                    .as(path)
                    .isEqualTo(403);
        }
        // past the security: the console's own answer
        assertThat(get("/dead-letters/424242", TestApiKeys.READER_KEY).status().value())
                .isEqualTo(404);
    }

    @Test
    void onlyTheOperatorReplaysAndDiscards() {
        for (String path : ACTIONS) {
            assertThat(post(path, null)).as(path).isEqualTo(401);
            assertThat(post(path, "not-a-key-of-anyone")).as(path).isEqualTo(401);
            assertThat(post(path, TestApiKeys.READER_KEY)).as(path).isEqualTo(403);
            assertThat(post(path, TestApiKeys.ONEC_KEY)).as(path).isEqualTo(403);
            // past the security: no such dead letter or group, or no ids or note
            assertThat(post(path, TestApiKeys.OPERATOR_KEY)).as(path).isIn(400, 404);
        }
    }

    private int post(String path, String key) {
        RestClient.RequestBodySpec request = RestClient.create("http://localhost:" + this.port)
                .post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(path.endsWith("/discard") ? "{}" : "{\"ids\":[]}");
        if (key != null) {
            request = request.header(TestApiKeys.HEADER, key);
        }
        return request.exchange((req, response) -> {
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            return response.getStatusCode().value();
        });
    }
}
