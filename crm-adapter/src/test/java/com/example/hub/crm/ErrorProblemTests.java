package com.example.hub.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.creatio.FakeCreatioServer;
import com.example.hub.testsupport.BrokerTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error of the CRM adapter's actuator's HTTP interface is a problem body ({@code application/problem+json}), also for the requests
 * Tomcat or the servlet container turns away before Spring MVC: broken or forbidden encodings, a raw {@code <} or
 * {@code {}, a request target over the header limit, too many headers, {@code TRACE} and {@code CONNECT}, no API key.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:crm-error-problem-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            "hub.messaging.pause-while-down=",
            "crm.creatio-health-interval=1h"
        })
@BrokerTest
class ErrorProblemTests {

    private static FakeCreatioServer creatio;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String KEY = "\r\n" + TestClients.HEADER + ": " + TestClients.OPERATOR_KEY;

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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /actuator/a%2Fb HTTP/1.1" + KEY,
                "GET /actuator/a%00b HTTP/1.1" + KEY,
                "GET /actuator/a%5Cb HTTP/1.1" + KEY,
                "GET /actuator/<script> HTTP/1.1" + KEY,
                "GET /actuator/{id} HTTP/1.1" + KEY,
                "GET /actuator/a;x=%zz HTTP/1.1" + KEY,
                "GET /actuator/%zz HTTP/1.1" + KEY,
                "GET /actuator/unknown-path-here HTTP/1.1" + KEY,
                "TRACE /actuator HTTP/1.1" + KEY,
                "CONNECT /actuator HTTP/1.1" + KEY,
                "DELETE /actuator/x HTTP/1.1" + KEY,
                "GET /error HTTP/1.1" + KEY,
                "GET /actuator/x HTTP/1.1",
                "GET /actuator/x HTTP/1.1\r\nX-API-Key: wrong",
            })
    void anErrorIsAProblemBody(String head) throws IOException {
        assertProblem(send(head));
    }

    @ParameterizedTest
    @ValueSource(ints = {9_000, 20_000})
    void aRequestTargetOverTheHeaderLimitIsAProblemBody(int length) throws IOException {
        assertProblem(send("GET /actuator/" + "a".repeat(length) + " HTTP/1.1" + KEY));
    }

    @ParameterizedTest
    @ValueSource(ints = {101, 200})
    void tooManyHeadersAreAProblemBody(int count) throws IOException {
        StringBuilder head = new StringBuilder("GET /actuator/x HTTP/1.1" + KEY);
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
