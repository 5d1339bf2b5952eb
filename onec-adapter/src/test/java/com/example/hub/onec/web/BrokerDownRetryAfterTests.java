package com.example.hub.onec.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.security.TestApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * While the broker cannot be reached, a request of 1C is answered 503 with a problem body and {@code Retry-After}, so
 * that 1C knows when to send it again.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:onec-broker-down-retry-after-tests;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.rabbitmq.host=127.0.0.1",
            "spring.rabbitmq.connection-timeout=2s"
        })
@DirtiesContext
class BrokerDownRetryAfterTests {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void closedBrokerPort(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.port", BrokerDownRetryAfterTests::closedPort);
    }

    @Test
    void aRequestIsAnswered503WithRetryAfter() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/send_to_dms"))
                                .header("Content-Type", "application/json")
                                .header(TestApiKeys.HEADER, TestApiKeys.ONEC_KEY)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"request_id\": \"RETRY_AFTER_1\", \"user_id\": \"U1\", \"name\": \"Ivan\","
                                                + " \"email\": \"ivan@example.com\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        assertThat(response.body()).contains("broker-unavailable");
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
