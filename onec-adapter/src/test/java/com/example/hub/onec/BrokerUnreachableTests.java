package com.example.hub.onec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * With no broker to talk to (its port is closed), a request of 1C is answered 503 with a problem body, never 202, and
 * the journal does not keep it as sent: it shows as {@code NOT_SENT}, and a retry tries to publish it again.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:onec-broker-unreachable-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.rabbitmq.host=127.0.0.1",
            "spring.rabbitmq.connection-timeout=2s"
        })
@DirtiesContext
class BrokerUnreachableTests {

    private static final String BODY = """
            {"request_id": "OFFLINE_1", "user_id": "U12345", "name": "Иванов Иван", "email": "ivanov@example.com"}
            """;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void closedBrokerPort(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.port", BrokerUnreachableTests::closedPort);
    }

    @Test
    void aRequestIsA503AndIsNotKeptAsSent() {
        RestClient http = HttpReply.client(this.port);

        HttpReply reply = HttpReply.post(http, "/send_to_dms", BODY);

        assertThat(reply.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(reply.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reply.body().get("status").asInt()).isEqualTo(503);
        assertThat(reply.text("type")).isEqualTo("https://hub.example.com/problems/broker-unavailable");
        assertThat(reply.text("title")).isEqualTo("Message broker unavailable");
        assertThat(reply.text("reason")).isEqualTo("UNREACHABLE");
        assertThat(reply.text("detail")).isNotBlank();

        HttpReply journal = HttpReply.get(http, "/requests/OFFLINE_1");
        assertThat(journal.text("state")).isEqualTo("NOT_SENT");
        assertThat(journal.text("reason")).startsWith("Not sent:");

        HttpReply retried = HttpReply.post(http, "/send_to_dms", BODY);
        assertThat(retried.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(HttpReply.get(http, "/requests/OFFLINE_1").text("state")).isEqualTo("NOT_SENT");
    }

    @Test
    void isNotReadyWithoutTheBroker() {
        HttpReply readiness = HttpReply.get(HttpReply.client(this.port), "/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(readiness.text("status")).isEqualTo("DOWN");
    }

    /** A local port nothing listens on: taken from the system, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
