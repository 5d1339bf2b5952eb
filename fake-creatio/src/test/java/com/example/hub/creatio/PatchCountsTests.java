package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PatchCountsTests extends FakeCreatioHttpTests {

    private static final String POLICY = "{\"UsrPolicyNumber\":\"POL-1\",\"UsrInsurer\":\"Acme\"}";

    @Test
    void successfulPatchesAreCountedPerOrderNumberAndColumnsAndFailedOnesAreNot() {
        TestSession session = http.loginAsSupervisor();
        String shipped = "{\"StatusId\":\"" + http.statusId("Shipped", session) + "\"}";
        String ord1 = http.orderId("ORD1", session);
        String ord2 = http.orderId("ORD2", session);
        String ord3 = http.orderId("ORD3", session);
        http.patchOrder(ord1, shipped, session);
        http.patchOrder(ord1, shipped, session);
        http.patchOrder(ord2, shipped, session);
        http.patchOrder(ord2, POLICY, session);
        http.patchOrder(ord3, "{\"Status\":{\"Name\":\"Shipped\"}}", session);
        http.post("/test-control/failures", "{\"count\":1,\"status\":503,\"target\":\"odata\"}");
        http.patchOrder(ord3, shipped, session);

        JsonNode patches = http.get("/test-control/patches").json().path("patches");

        assertThat(patches.path("ORD1").path("StatusId").asInt()).isEqualTo(2);
        assertThat(patches.path("ORD2").path("StatusId").asInt()).isEqualTo(1);
        assertThat(patches.path("ORD2").path("UsrInsurer,UsrPolicyNumber").asInt())
                .isEqualTo(1);
        assertThat(patches.has("ORD3")).isFalse();
        assertThat(patches.has(ord1)).isFalse();
    }

    @Test
    void resetForgetsTheCounts() {
        TestSession session = http.loginAsSupervisor();
        http.patchOrder(http.orderId("ORD1", session), "{\"Comment\":\"x\"}", session);

        http.post("/test-control/reset", null);

        assertThat(http.get("/test-control/patches").json().path("patches").isEmpty())
                .isTrue();
    }
}
