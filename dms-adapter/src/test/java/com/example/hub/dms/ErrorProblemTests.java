package com.example.hub.dms;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.BrokerTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error of the DMS adapter's HTTP interface is a problem body ({@code application/problem+json}), also for the requests
 * Tomcat or the servlet container turns away before Spring MVC: broken or forbidden encodings, a raw {@code <} or
 * {@code {}, a request target over the header limit, too many headers, {@code TRACE} and {@code CONNECT}, no API key.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:dms-error-problem-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
@BrokerTest
class ErrorProblemTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String KEY = "\r\n" + TestClients.HEADER + ": " + TestClients.READER_KEY;

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /users/a%2Fb HTTP/1.1" + KEY,
                "GET /users/a%00b HTTP/1.1" + KEY,
                "GET /users/a%5Cb HTTP/1.1" + KEY,
                "GET /users/<script> HTTP/1.1" + KEY,
                "GET /users/{id} HTTP/1.1" + KEY,
                "GET /users/a;x=%zz HTTP/1.1" + KEY,
                "GET /users/%zz HTTP/1.1" + KEY,
                "GET /users/unknown-path-here HTTP/1.1" + KEY,
                "TRACE /users HTTP/1.1" + KEY,
                "CONNECT /users HTTP/1.1" + KEY,
                "DELETE /users/x HTTP/1.1" + KEY,
                "GET /error HTTP/1.1" + KEY,
                "GET /users/x HTTP/1.1",
                "GET /users/x HTTP/1.1\r\nX-API-Key: wrong",
            })
    void anErrorIsAProblemBody(String head) throws IOException {
        assertProblem(send(head));
    }

    @ParameterizedTest
    @ValueSource(ints = {9_000, 20_000})
    void aRequestTargetOverTheHeaderLimitIsAProblemBody(int length) throws IOException {
        assertProblem(send("GET /users/" + "a".repeat(length) + " HTTP/1.1" + KEY));
    }

    @ParameterizedTest
    @ValueSource(ints = {101, 200})
    void tooManyHeadersAreAProblemBody(int count) throws IOException {
        StringBuilder head = new StringBuilder("GET /users/x HTTP/1.1" + KEY);
        for (int i = 0; i < count; i++) {
            head.append("\r\nX-Header-").append(i).append(": ").append(i);
        }
        assertProblem(send(head.toString()));
    }

    private String send(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertProblem(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        assertThat(end).as(answer).isPositive();
        String head = answer.substring(0, end);
        int status = Integer.parseInt(head.substring(9, 12));
        assertThat(status).as(head).isBetween(400, 499);
        assertThat(head.toLowerCase()).as(head).contains("content-type: application/problem+json");
        String body = answer.substring(end + 4);
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
            body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("}") + 1);
        }
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.get("status").asInt()).as(answer).isEqualTo(status);
    }
}
