package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TestControlsTests extends FakeCreatioHttpTests {

    private static final String SHIPPED = "{\"Status\":{\"Name\":\"Shipped\"}}";

    @Test
    void injectedFailuresHitTheNextCallsThenCallsSucceed() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse inject = http.post("/test-control/failures", "{\"count\":2,\"status\":503}");
        HttpResponse first = http.patchOrder("ORD1", SHIPPED, session);
        HttpResponse second = http.patchOrder("ORD1", SHIPPED, session);
        HttpResponse third = http.patchOrder("ORD1", SHIPPED, session);

        assertThat(inject.status()).isEqualTo(200);
        assertThat(inject.json().path("remaining").asInt()).isEqualTo(2);
        assertThat(inject.json().path("status").asInt()).isEqualTo(503);
        assertThat(inject.json().path("target").asString()).isEqualTo("ALL");
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.odataErrorMessage()).contains("503");
        assertThat(second.status()).isEqualTo(503);
        assertThat(third.status()).isEqualTo(204);
        JsonNode stats = http.get("/test-control/stats").json();
        assertThat(stats.path("failuresInjected").asInt()).isEqualTo(2);
        assertThat(stats.path("odataCalls").asInt()).isEqualTo(3);
        assertThat(stats.path("pendingFailures").path("remaining").asInt()).isZero();
    }

    @Test
    void failuresAimedAtLoginLeaveODataAlone() {
        TestSession session = http.loginAsSupervisor();
        http.post("/test-control/failures", "{\"count\":1,\"status\":502,\"target\":\"login\"}");

        HttpResponse odata = http.patchOrder("ORD1", SHIPPED, session);
        HttpResponse failedLogin = http.login("Supervisor", "Supervisor");
        HttpResponse login = http.login("Supervisor", "Supervisor");

        assertThat(odata.status()).isEqualTo(204);
        assertThat(failedLogin.status()).isEqualTo(502);
        assertThat(failedLogin.setCookies()).isEmpty();
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("Code").asInt()).isZero();
    }

    @Test
    void invalidFailureRequestsAnswer400() {
        assertThat(http.post("/test-control/failures", "{\"count\":1,\"status\":200}")
                        .status())
                .isEqualTo(400);
        assertThat(http.post("/test-control/failures", "{\"count\":-1,\"status\":503}")
                        .status())
                .isEqualTo(400);
        HttpResponse badTarget = http.post("/test-control/failures", "{\"count\":1,\"status\":503,\"target\":\"x\"}");
        assertThat(badTarget.status()).isEqualTo(400);
        assertThat(badTarget.json().path("error").asString()).contains("target");
    }

    @Test
    void latencyIsAppliedToCallsAndReported() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse set = http.post("/test-control/latency", "{\"millis\":200}");
        HttpResponse delayed = http.patchOrder("ORD1", SHIPPED, session);

        assertThat(set.json().path("millis").asInt()).isEqualTo(200);
        assertThat(delayed.status()).isEqualTo(204);
        assertThat(http.get("/test-control/latency").json().path("millis").asInt())
                .isEqualTo(200);
        assertThat(http.get("/test-control/stats").json().path("latencyMillis").asInt())
                .isEqualTo(200);

        http.post("/test-control/latency", "{\"millis\":0}");
        assertThat(http.get("/test-control/stats").json().path("latencyMillis").asInt())
                .isZero();
    }

    @Test
    void expiredSessionsAnswer401UntilTheNextLogin() {
        TestSession old = http.loginAsSupervisor();
        http.patchOrder("ORD1", SHIPPED, old);

        HttpResponse expire = http.post("/test-control/expire-sessions", null);

        assertThat(expire.json().path("expiredSessions").asInt()).isEqualTo(1);
        assertThat(http.getOrder("ORD1", old).status()).isEqualTo(401);
        TestSession fresh = http.loginAsSupervisor();
        assertThat(http.getOrder("ORD1", fresh).status()).isEqualTo(200);
    }

    @Test
    void statsCountCallsAndSessions() {
        TestSession session = http.loginAsSupervisor();
        http.login("Supervisor", "wrong");
        http.patchOrder("ORD1", SHIPPED, session);
        http.getOrder("ORD1", session);
        http.get("/0/odata/Order(ORD1)");

        JsonNode stats = http.get("/test-control/stats").json();

        assertThat(stats.path("loginCalls").asInt()).isEqualTo(2);
        assertThat(stats.path("successfulLogins").asInt()).isEqualTo(1);
        assertThat(stats.path("activeSessions").asInt()).isEqualTo(1);
        assertThat(stats.path("odataCalls").asInt()).isEqualTo(3);
        assertThat(stats.path("failuresInjected").asInt()).isZero();
        assertThat(stats.path("orders").asInt()).isEqualTo(1);
    }

    @Test
    void ordersListsTheStoredOrders() {
        TestSession session = http.loginAsSupervisor();
        http.patchOrder("ORD2", "{\"PolicyNumber\":\"POL-2\"}", session);
        http.patchOrder("ORD1", SHIPPED, session);

        JsonNode orders = http.get("/test-control/orders").json().path("orders");

        assertThat(orders.size()).isEqualTo(2);
        assertThat(orders.path(0).path("Id").asString()).isEqualTo("ORD1");
        assertThat(orders.path(0).path("Status").path("Name").asString()).isEqualTo("Shipped");
        assertThat(orders.path(1).path("Id").asString()).isEqualTo("ORD2");
        assertThat(orders.path(1).path("PolicyNumber").asString()).isEqualTo("POL-2");
    }

    @Test
    void resetClearsOrdersSessionsFailuresLatencyAndCounts() {
        TestSession session = http.loginAsSupervisor();
        http.patchOrder("ORD1", SHIPPED, session);
        http.post("/test-control/failures", "{\"count\":5,\"status\":500}");
        http.post("/test-control/latency", "{\"millis\":50}");

        HttpResponse reset = http.post("/test-control/reset", null);

        assertThat(reset.status()).isEqualTo(204);
        JsonNode stats = http.get("/test-control/stats").json();
        assertThat(stats.path("loginCalls").asInt()).isZero();
        assertThat(stats.path("successfulLogins").asInt()).isZero();
        assertThat(stats.path("activeSessions").asInt()).isZero();
        assertThat(stats.path("odataCalls").asInt()).isZero();
        assertThat(stats.path("pendingFailures").path("remaining").asInt()).isZero();
        assertThat(stats.path("latencyMillis").asInt()).isZero();
        assertThat(stats.path("orders").asInt()).isZero();
        assertThat(http.getOrder("ORD1", session).status()).isEqualTo(401);
    }
}
