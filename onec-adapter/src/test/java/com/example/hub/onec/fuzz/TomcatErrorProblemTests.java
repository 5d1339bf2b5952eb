package com.example.hub.onec.fuzz;

import static com.example.hub.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.http.RawHttp;
import com.example.hub.testsupport.security.TestApiKeys;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests that Tomcat or the servlet container turns away before Spring MVC handles them are answered with a
 * problem body too, never Tomcat's HTML error page or Boot's error JSON.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:onec-tomcat-error-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@BrokerTest
class TomcatErrorProblemTests {

    private static final String KEY = "\r\n" + TestApiKeys.HEADER + ": " + TestApiKeys.ONEC_KEY;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /requests/a%2Fb HTTP/1.1",
                "GET /requests/a%00b HTTP/1.1",
                "GET /requests/a%5Cb HTTP/1.1",
                "GET /requests/<script> HTTP/1.1",
                "GET /requests/{id} HTTP/1.1",
                "GET /requests?limit=%zz HTTP/1.1",
                "GET /requests/%zz HTTP/1.1",
                "GET /../../etc/passwd HTTP/1.1",
                "TRACE /send_to_dms HTTP/1.1",
                "GET /error HTTP/1.1",
                "BREW /send_to_dms HTTP/1.1",
            })
    void oddRequestsGetAProblemBody(String requestLine) throws Exception {
        RawHttp.Reply reply =
                RawHttp.send(this.port, requestLine + "\r\nHost: localhost\r\nConnection: close" + KEY, new byte[0]);

        assertProblem(reply);
    }

    @Test
    void aRequestTargetLongerThanTheHeaderLimitGetsAProblemBody() throws Exception {
        RawHttp.Reply reply = RawHttp.send(
                this.port,
                "GET /requests/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close" + KEY,
                new byte[0]);

        assertThat(reply.status()).isEqualTo(400);
        assertProblem(reply);
    }

    @Test
    void tooManyHeadersGetAProblemBody() throws Exception {
        StringBuilder head = new StringBuilder("GET /requests HTTP/1.1\r\nHost: localhost\r\nConnection: close" + KEY);
        for (int i = 0; i < 150; i++) {
            head.append("\r\nX-Header-").append(i).append(": ").append(i);
        }

        RawHttp.Reply reply = RawHttp.send(this.port, head.toString(), new byte[0]);

        assertThat(reply.status()).isEqualTo(400);
        assertProblem(reply);
    }

    @Test
    void aBodyNestedTooDeeplyIsAnInvalidRequest() throws Exception {
        byte[] body = ("{\"user_id\": " + "[".repeat(40) + "]".repeat(40) + "}").getBytes(StandardCharsets.UTF_8);

        RawHttp.Reply reply = RawHttp.send(
                this.port,
                "POST /send_to_dms HTTP/1.1\r\nHost: localhost\r\nConnection: close" + KEY
                        + "\r\nContent-Type: application/json" + "\r\nContent-Length: " + body.length,
                body);

        assertThat(reply.status()).isEqualTo(400);
        assertProblem(reply);
    }

    @Test
    void anUnsupportedHttpVersionGetsAProblemBody() throws Exception {
        RawHttp.Reply reply = RawHttp.send(
                this.port, "GET /requests HTTP/9.9\r\nHost: localhost\r\nConnection: close" + KEY, new byte[0]);

        assertThat(reply.status()).isEqualTo(505);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(reply.body()).get("status").asInt()).isEqualTo(505);
    }

    @Test
    void anUndecodableQueryStringNamesTheQuery() throws Exception {
        RawHttp.Reply reply = RawHttp.send(
                this.port,
                "GET /requests?limit=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close" + KEY,
                new byte[0]);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(assertProblem(reply).get("errors").get(0).get("field").asString())
                .isEqualTo("query");
    }
}
