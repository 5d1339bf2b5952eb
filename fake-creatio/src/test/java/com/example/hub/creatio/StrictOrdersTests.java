package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** Strict mode: as a real Creatio, a number that no order has matches no row; nothing is created. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"fake-creatio.strict-orders=true", "fake-creatio.test-controls.enabled=true"})
class StrictOrdersTests extends FakeCreatioHttpTests {

    @Test
    void anUnknownNumberMatchesNoRowAndCreatesNothing() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.findOrder("ORD404", session);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("value").isArray()).isTrue();
        assertThat(response.json().path("value").isEmpty()).isTrue();
        assertThat(http.get("/test-control/stats").json().path("orders").asInt())
                .isEqualTo(1);
    }

    @Test
    void theSeedOrderAndPreparedOrdersAreFound() {
        HttpResponse prepared =
                http.send(HttpMethod.PUT, "/test-control/orders/ORD1", "{\"Status\":\"Paid\"}", h -> {});
        TestSession session = http.loginAsSupervisor();

        String id = http.orderId("ORD1", session);
        HttpResponse patch =
                http.patchOrder(id, "{\"StatusId\":\"" + http.statusId("Shipped", session) + "\"}", session);

        assertThat(prepared.status()).isEqualTo(200);
        assertThat(prepared.json().path("Status").path("Name").asString()).isEqualTo("Paid");
        assertThat(id).isEqualTo(prepared.json().path("Id").asString());
        assertThat(http.orderId("ORD9876", session)).isEqualTo(OrderODataTests.ORD9876_ID);
        assertThat(patch.status()).isEqualTo(204);
        JsonNode order = http.getOrder(id, session).json();
        assertThat(order.path("StatusId").asString()).isEqualTo(http.statusId("Shipped", session));
    }

    @Test
    void twoOrdersOfOneNumberAreBothFound() {
        http.post("/test-control/orders", "{\"Number\":\"ORD9876\"}");
        TestSession session = http.loginAsSupervisor();

        HttpResponse found = http.findOrder("ORD9876", session);

        assertThat(found.json().path("value").size()).isEqualTo(2);
    }
}
