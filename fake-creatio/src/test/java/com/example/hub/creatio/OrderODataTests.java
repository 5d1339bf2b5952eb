package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

class OrderODataTests extends FakeCreatioHttpTests {

    private static final String SHIPPED = "{\"Status\":{\"Name\":\"Shipped\"}}";

    @Test
    void withoutSessionCookieAnswers401() {
        HttpResponse response = http.send(HttpMethod.GET, "/0/odata/Order(ORD1)", null, headers -> {});

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.odataErrorMessage()).isNotBlank();
    }

    @Test
    void withUnknownSessionCookieAnswers401() {
        TestSession forged = new TestSession(Map.of(".ASPXAUTH", "FORGED", "BPMCSRF", "forged"));

        assertThat(http.patchOrder("ORD1", SHIPPED, forged).status()).isEqualTo(401);
    }

    @Test
    void withoutCsrfHeaderAnswers403() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.send(
                HttpMethod.GET, "/0/odata/Order(ORD1)", null, headers -> headers.set("Cookie", session.cookieHeader()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.odataErrorMessage()).contains("BPMCSRF");
    }

    @Test
    void withWrongCsrfHeaderAnswers403AndChangesNothing() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.send(HttpMethod.PATCH, "/0/odata/Order(ORD1)", SHIPPED, headers -> {
            headers.set("Cookie", session.cookieHeader());
            headers.set("BPMCSRF", "not-the-token");
        });

        assertThat(response.status()).isEqualTo(403);
        assertThat(http.getOrder("ORD1", session).status()).isEqualTo(404);
    }

    @Test
    void patchOfUnknownOrderCreatesItAndGetShowsIt() {
        TestSession session = http.loginAsSupervisor();
        Instant before = Instant.now().minusSeconds(1);

        HttpResponse patch = http.patchOrder("ORD9876", SHIPPED, session);

        assertThat(patch.status()).isEqualTo(204);
        assertThat(patch.body()).isEmpty();
        HttpResponse get = http.getOrder("ORD9876", session);
        assertThat(get.status()).isEqualTo(200);
        JsonNode order = get.json();
        assertThat(order.path("Id").asString()).isEqualTo("ORD9876");
        assertThat(order.path("Status").path("Name").asString()).isEqualTo("Shipped");
        assertThat(Instant.parse(order.path("ModifiedOn").asString())).isAfter(before);
        assertThat(order.path("@odata.context").asString()).endsWith("/0/odata/$metadata#Order/$entity");
    }

    @Test
    void patchMergesFieldsIntoTheOrder() {
        TestSession session = http.loginAsSupervisor();
        http.patchOrder("ORD1", "{\"Status\":{\"Name\":\"Paid\"}}", session);

        HttpResponse policy = http.patchOrder("ORD1", """
                {"PolicyNumber":"POL-1","PolicyInsurer":"Acme Insurance","PolicyStatus":"Active",
                 "PolicyStartDate":"2026-01-01","PolicyEndDate":"2026-12-31"}""", session);
        http.patchOrder("ORD1", SHIPPED, session);

        assertThat(policy.status()).isEqualTo(204);
        JsonNode order = http.getOrder("ORD1", session).json();
        assertThat(order.path("Status").path("Name").asString()).isEqualTo("Shipped");
        assertThat(order.path("PolicyNumber").asString()).isEqualTo("POL-1");
        assertThat(order.path("PolicyInsurer").asString()).isEqualTo("Acme Insurance");
        assertThat(order.path("PolicyStatus").asString()).isEqualTo("Active");
        assertThat(order.path("PolicyStartDate").asString()).isEqualTo("2026-01-01");
        assertThat(order.path("PolicyEndDate").asString()).isEqualTo("2026-12-31");
    }

    @Test
    void quotedAndUnquotedKeysNameTheSameOrder() {
        TestSession session = http.loginAsSupervisor();

        http.patchOrder("'ORD-7_a'", SHIPPED, session);

        JsonNode order = http.getOrder("ORD-7_a", session).json();
        assertThat(order.path("Id").asString()).isEqualTo("ORD-7_a");
        assertThat(order.path("Status").path("Name").asString()).isEqualTo("Shipped");
    }

    @Test
    void getOfUnknownOrderAnswers404WithODataError() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.getOrder("'ORD404'", session);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").path("code").asString()).isEmpty();
        assertThat(response.odataErrorMessage()).contains("ORD404");
    }

    @Test
    void malformedJsonAnswers400AndChangesNothing() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.patchOrder("ORD1", "{\"Status\":", session);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.odataErrorMessage()).isNotBlank();
        assertThat(http.getOrder("ORD1", session).status()).isEqualTo(404);
    }

    @Test
    void bodyThatIsNoObjectAnswers400() {
        TestSession session = http.loginAsSupervisor();

        assertThat(http.patchOrder("ORD1", "[1,2]", session).status()).isEqualTo(400);
        assertThat(http.patchOrder("ORD1", "\"Shipped\"", session).status()).isEqualTo(400);
    }

    @Test
    void statusThatIsNoLookupAnswers400() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.patchOrder("ORD1", "{\"Status\":\"Shipped\"}", session);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.odataErrorMessage()).contains("Status");
    }

    @Test
    void keyWithOtherCharactersAnswers400() {
        TestSession session = http.loginAsSupervisor();

        assertThat(http.getOrder("ORD.1", session).status()).isEqualTo(400);
        assertThat(http.patchOrder("'ORD'1'", SHIPPED, session).status()).isEqualTo(400);
    }

    @Test
    void unknownEntitySetAndUnknownPathsAnswer404() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse contact = http.odata(HttpMethod.GET, "Contact(C1)", null, session);
        HttpResponse nested = http.odata(HttpMethod.GET, "Order(ORD1)/Lines", null, session);
        HttpResponse elsewhere = http.get("/0/ServiceModel/Nothing.svc");

        assertThat(contact.status()).isEqualTo(404);
        assertThat(contact.odataErrorMessage()).contains("Contact");
        assertThat(nested.status()).isEqualTo(404);
        assertThat(elsewhere.status()).isEqualTo(404);
    }

    @Test
    void entitySetListsTheOrders() {
        TestSession session = http.loginAsSupervisor();
        http.patchOrder("B", SHIPPED, session);
        http.patchOrder("A", SHIPPED, session);

        JsonNode orders = http.odata(HttpMethod.GET, "Order", null, session).json();

        assertThat(orders.path("value").size()).isEqualTo(2);
        assertThat(orders.path("value").path(0).path("Id").asString()).isEqualTo("A");
        assertThat(orders.path("value").path(1).path("Id").asString()).isEqualTo("B");
    }

    @Test
    void otherMethodsAnswer405() {
        TestSession session = http.loginAsSupervisor();

        assertThat(http.odata(HttpMethod.DELETE, "Order(ORD1)", null, session).status())
                .isEqualTo(405);
    }
}
