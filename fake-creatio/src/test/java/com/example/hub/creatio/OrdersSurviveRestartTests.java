package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** With an orders log, orders keep their GUIDs and columns across a restart of the fake, as a real Creatio's do. */
class OrdersSurviveRestartTests {

    @TempDir
    Path directory;

    @Test
    void ordersAndTheirGuidsSurviveARestartUntilAReset() {
        Path log = directory.resolve("orders.log");
        String logProperty = "fake-creatio.orders-log=" + log;
        String id;
        String shipped;
        try (FakeCreatioServer creatio =
                FakeCreatioServer.start(logProperty, "fake-creatio.test-controls.enabled=true")) {
            CreatioHttp http = new CreatioHttp(creatio.port());
            TestSession session = http.loginAsSupervisor();
            id = http.orderId("ORD-RESTART-1", session);
            shipped = http.statusId("Shipped", session);
            http.patchOrder(id, "{\"StatusId\":\"" + shipped + "\",\"UsrInsurer\":\"Acme\"}", session);
            http.patchOrder(OrderODataTests.ORD9876_ID, "{\"Comment\":\"seen\"}", session);
        }

        try (FakeCreatioServer creatio =
                FakeCreatioServer.start(logProperty, "fake-creatio.test-controls.enabled=true")) {
            CreatioHttp http = new CreatioHttp(creatio.port());
            TestSession session = http.loginAsSupervisor();

            JsonNode order = http.getOrder(id, session).json();
            assertThat(order.path("Number").asString()).isEqualTo("ORD-RESTART-1");
            assertThat(order.path("StatusId").asString()).isEqualTo(shipped);
            assertThat(order.path("UsrInsurer").asString()).isEqualTo("Acme");
            assertThat(http.orderId("ORD-RESTART-1", session)).isEqualTo(id);
            assertThat(http.getOrder(OrderODataTests.ORD9876_ID, session)
                            .json()
                            .path("Comment")
                            .asString())
                    .isEqualTo("seen");

            http.post("/test-control/reset", null);

            assertThat(Files.exists(log)).isFalse();
            assertThat(http.get("/test-control/stats").json().path("orders").asInt())
                    .isEqualTo(1);
        }
    }
}
