package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** With the default configuration the test controls do not exist, and the Creatio endpoints work. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TestControlsDisabledTests extends FakeCreatioClientTests {

    @Test
    void testControlsAnswer404() {
        assertThat(http.get("/test-control/stats").status()).isEqualTo(404);
        assertThat(http.get("/test-control/orders").status()).isEqualTo(404);
        assertThat(http.post("/test-control/reset", null).status()).isEqualTo(404);
        assertThat(http.post("/test-control/failures", "{\"count\":1,\"status\":503}")
                        .status())
                .isEqualTo(404);
        assertThat(http.post("/test-control/expire-sessions", null).status()).isEqualTo(404);
    }

    @Test
    void creatioEndpointsWork() {
        TestSession session = http.loginAsSupervisor();

        String id = http.orderId("ORD1", session);
        String shipped = http.statusId("Shipped", session);

        assertThat(http.patchOrder(id, "{\"StatusId\":\"" + shipped + "\"}", session)
                        .status())
                .isEqualTo(204);
        assertThat(http.getOrder(id, session).json().path("StatusId").asString())
                .isEqualTo(shipped);
    }

    @Test
    void healthIsUp() {
        HttpResponse health = http.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
    }
}
