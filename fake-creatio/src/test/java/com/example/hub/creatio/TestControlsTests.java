package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TestControlsTests extends FakeCreatioHttpTests {

    private static final String ORD9876 = OrderODataTests.ORD9876_ID;

    private static final String COMMENT = "{\"Comment\":\"changed\"}";

    @Test
    void injectedFailuresHitTheNextCallsThenCallsSucceed() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse inject = http.post("/test-control/failures", "{\"count\":2,\"status\":503}");
        HttpResponse first = http.patchOrder(ORD9876, COMMENT, session);
        HttpResponse second = http.patchOrder(ORD9876, COMMENT, session);
        HttpResponse third = http.patchOrder(ORD9876, COMMENT, session);

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

        HttpResponse odata = http.patchOrder(ORD9876, COMMENT, session);
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
        HttpResponse delayed = http.patchOrder(ORD9876, COMMENT, session);

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
        http.patchOrder(ORD9876, COMMENT, old);

        HttpResponse expire = http.post("/test-control/expire-sessions", null);

        assertThat(expire.json().path("expiredSessions").asInt()).isEqualTo(1);
        assertThat(http.getOrder(ORD9876, old).status()).isEqualTo(401);
        TestSession fresh = http.loginAsSupervisor();
        assertThat(http.getOrder(ORD9876, fresh).status()).isEqualTo(200);
    }

    @Test
    void statsCountCallsAndSessions() {
        TestSession session = http.loginAsSupervisor();
        http.login("Supervisor", "wrong");
        http.patchOrder(ORD9876, COMMENT, session);
        http.getOrder(ORD9876, session);
        http.get("/0/odata/Order(" + ORD9876 + ")");

        JsonNode stats = http.get("/test-control/stats").json();

        assertThat(stats.path("loginCalls").asInt()).isEqualTo(2);
        assertThat(stats.path("successfulLogins").asInt()).isEqualTo(1);
        assertThat(stats.path("activeSessions").asInt()).isEqualTo(1);
        assertThat(stats.path("odataCalls").asInt()).isEqualTo(3);
        assertThat(stats.path("failuresInjected").asInt()).isZero();
        assertThat(stats.path("orders").asInt()).isEqualTo(1);
    }

    @Test
    void ordersListsTheStoredOrdersByNumberWithTheirStatusName() {
        TestSession session = http.loginAsSupervisor();
        String ord2 = http.orderId("ORD2", session);
        http.patchOrder(ord2, "{\"UsrPolicyNumber\":\"POL-2\",\"Comment\":\"note\"}", session);
        http.patchOrder(ORD9876, "{\"StatusId\":\"" + http.statusId("Shipped", session) + "\"}", session);

        JsonNode orders = http.get("/test-control/orders").json().path("orders");

        assertThat(orders.size()).isEqualTo(2);
        assertThat(orders.path(0).path("Id").asString()).isEqualTo(ord2);
        assertThat(orders.path(0).path("Number").asString()).isEqualTo("ORD2");
        assertThat(orders.path(0).path("Status").path("Name").asString()).isEqualTo("1. Draft");
        assertThat(orders.path(0).path("UsrPolicyNumber").asString()).isEqualTo("POL-2");
        assertThat(orders.path(0).path("Comment").asString()).isEqualTo("note");
        assertThat(orders.path(1).path("Id").asString()).isEqualTo(ORD9876);
        assertThat(orders.path(1).path("Number").asString()).isEqualTo("ORD9876");
        assertThat(orders.path(1).path("Status").path("Name").asString()).isEqualTo("Shipped");
        assertThat(orders.path(1).path("Status").path("Id").asString())
                .isEqualTo(orders.path(1).path("StatusId").asString());
    }

    @Test
    void ordersArePreparedByNumber() {
        HttpResponse put = http.send(
                org.springframework.http.HttpMethod.PUT,
                "/test-control/orders/ORD7",
                "{\"Id\":\"11111111-2222-3333-4444-555555555555\",\"Status\":\"Paid\",\"Amount\":12.5}",
                h -> {});
        HttpResponse replaced = http.send(
                org.springframework.http.HttpMethod.PUT,
                "/test-control/orders/ORD7",
                "{\"Comment\":\"again\"}",
                h -> {});
        HttpResponse second = http.post("/test-control/orders", "{\"Number\":\"ORD7\"}");
        HttpResponse unknownColumn = http.send(
                org.springframework.http.HttpMethod.PUT, "/test-control/orders/ORD8", "{\"Status2\":1}", h -> {});
        HttpResponse unknownStatus = http.send(
                org.springframework.http.HttpMethod.PUT, "/test-control/orders/ORD8", "{\"Status\":\"Lost\"}", h -> {});

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("Id").asString()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(put.json().path("Status").path("Name").asString()).isEqualTo("Paid");
        assertThat(put.json().path("Amount").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(replaced.json().path("Id").asString()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(replaced.json().path("Status").path("Name").asString()).isEqualTo("1. Draft");
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().path("Id").asString()).isNotEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(http.findOrder("ORD7", http.loginAsSupervisor())
                        .json()
                        .path("value")
                        .size())
                .isEqualTo(2);
        assertThat(unknownColumn.status()).isEqualTo(400);
        assertThat(unknownStatus.status()).isEqualTo(400);
        assertThat(unknownStatus.json().path("error").asString()).contains("Shipped");
    }

    @Test
    void resetClearsOrdersSessionsFailuresLatencyAndCounts() {
        TestSession session = http.loginAsSupervisor();
        http.patchOrder(ORD9876, COMMENT, session);
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
        assertThat(stats.path("orders").asInt()).as("the seed order").isEqualTo(1);
        assertThat(http.getOrder(ORD9876, session).status()).isEqualTo(401);
        TestSession fresh = http.loginAsSupervisor();
        assertThat(http.getOrder(ORD9876, fresh).json().path("Comment").asString())
                .isEmpty();
    }
}
