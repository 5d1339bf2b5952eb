package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"fake-creatio.strict-orders=true", "fake-creatio.test-controls.enabled=true"})
class StrictOrdersTests {

    @LocalServerPort
    int port;

    CreatioHttp http;

    @BeforeEach
    void resetFake() {
        http = new CreatioHttp(port);
        http.post("/test-control/reset", null);
    }

    @Test
    void patchOfUnknownOrderAnswers404WithODataErrorAndCreatesNothing() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.patchOrder("ORD404", "{\"Status\":{\"Name\":\"Shipped\"}}", session);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").path("code").asString()).isEmpty();
        assertThat(response.odataErrorMessage()).contains("ORD404");
        assertThat(http.getOrder("ORD404", session).status()).isEqualTo(404);
    }

    @Test
    void patchOfKnownOrderUpdatesIt() {
        HttpResponse seeded =
                http.send(HttpMethod.PUT, "/test-control/orders/ORD1", "{\"Status\":{\"Name\":\"New\"}}", h -> {});
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.patchOrder("'ORD1'", "{\"Status\":{\"Name\":\"Shipped\"}}", session);

        assertThat(seeded.status()).isEqualTo(200);
        assertThat(response.status()).isEqualTo(204);
        JsonNode order = http.getOrder("ORD1", session).json();
        assertThat(order.path("Status").path("Name").asString()).isEqualTo("Shipped");
    }
}
