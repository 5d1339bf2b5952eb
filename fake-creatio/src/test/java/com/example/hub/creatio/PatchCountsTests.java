package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PatchCountsTests extends FakeCreatioHttpTests {

    private static final String SHIPPED = "{\"Status\":{\"Name\":\"Shipped\"}}";

    private static final String POLICY = "{\"PolicyNumber\":\"POL-1\",\"InsurerName\":\"Acme\"}";

    @Test
    void successfulPatchesAreCountedPerOrderAndFieldsAndFailedOnesAreNot() {
        TestSession session = http.loginAsSupervisor();
        http.patchOrder("ORD1", SHIPPED, session);
        http.patchOrder("ORD1", SHIPPED, session);
        http.patchOrder("ORD2", SHIPPED, session);
        http.patchOrder("ORD2", POLICY, session);
        http.post("/test-control/failures", "{\"count\":1,\"status\":503,\"target\":\"odata\"}");
        http.patchOrder("ORD3", SHIPPED, session);

        JsonNode patches = http.get("/test-control/patches").json().path("patches");

        assertThat(patches.path("ORD1").path("Status").asInt()).isEqualTo(2);
        assertThat(patches.path("ORD2").path("Status").asInt()).isEqualTo(1);
        assertThat(patches.path("ORD2").path("InsurerName,PolicyNumber").asInt())
                .isEqualTo(1);
        assertThat(patches.has("ORD3")).isFalse();
    }

    @Test
    void resetForgetsTheCounts() {
        http.patchOrder("ORD1", SHIPPED, http.loginAsSupervisor());

        http.post("/test-control/reset", null);

        assertThat(http.get("/test-control/patches").json().path("patches").isEmpty())
                .isTrue();
    }
}
