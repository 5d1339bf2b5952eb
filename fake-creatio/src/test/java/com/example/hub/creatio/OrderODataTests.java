package com.example.hub.creatio;

import static com.example.hub.creatio.CreatioHttp.encode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * The {@code Order} entity set as Creatio's OData 4 documentation describes its requests and answers: records keyed by
 * GUID, found by their {@code Number} with {@code $filter}, a lookup set through its id column.
 */
class OrderODataTests extends FakeCreatioHttpTests {

    static final String ORD9876_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    @Test
    void theReadmesOrderIsFoundByItsNumber() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse found = http.findOrder("ORD9876", session);

        assertThat(found.status()).isEqualTo(200);
        assertThat(MediaType.parseMediaType(found.headers().getFirst("Content-Type")))
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON))
                        .isTrue());
        assertThat(found.headers().getFirst("OData-Version")).isEqualTo("4.0");
        JsonNode body = found.json();
        assertThat(body.path("@odata.context").asString()).endsWith("/0/odata/$metadata#Order(Id)");
        assertThat(body.path("value").size()).isEqualTo(1);
        assertThat(body.path("value").path(0).propertyNames()).containsExactly("Id");
        assertThat(body.path("value").path(0).path("Id").asString()).isEqualTo(ORD9876_ID);
    }

    @Test
    void anOrderIsReadByItsGuidWithItsColumns() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.getOrder(ORD9876_ID, session);

        assertThat(response.status()).isEqualTo(200);
        JsonNode order = response.json();
        assertThat(order.path("@odata.context").asString()).endsWith("/0/odata/$metadata#Order/$entity");
        assertThat(order.path("Id").asString()).isEqualTo(ORD9876_ID);
        assertThat(order.path("Number").asString()).isEqualTo("ORD9876");
        assertThat(order.path("StatusId").asString()).isEqualTo(http.statusId("1. Draft", session));
        assertThat(order.path("Comment").asString()).isEmpty();
        assertThat(order.path("Amount").decimalValue()).isZero();
        assertThat(order.has("UsrPolicyNumber")).isTrue();
        assertThat(order.has("CreatedOn")).isTrue();
        assertThat(order.has("ModifiedOn")).isTrue();
        assertThat(order.has("Status"))
                .as("a navigation property is not in the entity")
                .isFalse();
    }

    @Test
    void theStatusIsSetThroughStatusIdToTheGuidOfAnOrderStatus() {
        TestSession session = http.loginAsSupervisor();
        String shipped = http.statusId("Shipped", session);
        Instant before = Instant.now().minusSeconds(1);

        HttpResponse patch = http.patchOrder(ORD9876_ID, "{\"StatusId\":\"" + shipped + "\"}", session);

        assertThat(patch.status()).isEqualTo(204);
        assertThat(patch.body()).isEmpty();
        JsonNode order = http.getOrder(ORD9876_ID, session).json();
        assertThat(order.path("StatusId").asString()).isEqualTo(shipped);
        assertThat(Instant.parse(order.path("ModifiedOn").asString())).isAfter(before);
    }

    @Test
    void thePolicyGoesIntoTheCustomColumnsOrTheComment() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse policy = http.patchOrder(ORD9876_ID, """
                {"UsrPolicyNumber":"POL-ORD9876","UsrInsurer":"Acme Insurance","UsrPolicyStatus":"Active",
                 "UsrPolicyStartDate":"2026-01-01","UsrPolicyEndDate":"2026-12-31"}""", session);
        HttpResponse comment =
                http.patchOrder(ORD9876_ID, "{\"Comment\":\"Policy POL-ORD9876, Acme Insurance\"}", session);

        assertThat(policy.status()).isEqualTo(204);
        assertThat(comment.status()).isEqualTo(204);
        JsonNode order = http.getOrder(ORD9876_ID, session).json();
        assertThat(order.path("UsrPolicyNumber").asString()).isEqualTo("POL-ORD9876");
        assertThat(order.path("UsrInsurer").asString()).isEqualTo("Acme Insurance");
        assertThat(order.path("UsrPolicyStatus").asString()).isEqualTo("Active");
        assertThat(order.path("UsrPolicyStartDate").asString()).isEqualTo("2026-01-01");
        assertThat(order.path("UsrPolicyEndDate").asString()).isEqualTo("2026-12-31");
        assertThat(order.path("Comment").asString()).isEqualTo("Policy POL-ORD9876, Acme Insurance");
    }

    @Test
    void theOldShapeIsRejected() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse byNumber = http.patchOrder("ORD9876", "{\"Status\":{\"Name\":\"Shipped\"}}", session);
        HttpResponse quoted = http.patchOrder("'ORD9876'", "{\"Status\":{\"Name\":\"Shipped\"}}", session);
        HttpResponse nested = http.patchOrder(ORD9876_ID, "{\"Status\":{\"Name\":\"Shipped\"}}", session);
        HttpResponse policyFields = http.patchOrder(ORD9876_ID, "{\"PolicyNumber\":\"POL-1\"}", session);

        assertThat(byNumber.status()).isEqualTo(400);
        assertThat(byNumber.odataErrorMessage()).contains("ORD9876", "Edm.Guid");
        assertThat(quoted.status()).isEqualTo(400);
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.odataErrorMessage()).contains("'Status'", "navigation property", "StatusId");
        assertThat(policyFields.status()).isEqualTo(400);
        assertThat(policyFields.odataErrorMessage())
                .isEqualTo("The property 'PolicyNumber' does not exist on type 'Terrasoft.Configuration.Order'."
                        + " Make sure to only use property names that are defined by the type.");
        assertThat(http.getOrder(ORD9876_ID, session).json().path("StatusId").asString())
                .isEqualTo(http.statusId("1. Draft", session));
    }

    @Test
    void anUnknownStatusIdOrAValueOfTheWrongTypeIsRejected() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse unknown =
                http.patchOrder(ORD9876_ID, "{\"StatusId\":\"00000000-0000-0000-0000-000000000001\"}", session);
        HttpResponse name = http.patchOrder(ORD9876_ID, "{\"StatusId\":\"Shipped\"}", session);
        HttpResponse amount = http.patchOrder(ORD9876_ID, "{\"Amount\":\"ten\"}", session);
        HttpResponse text = http.patchOrder(ORD9876_ID, "{\"UsrInsurer\":{\"Name\":\"Acme\"}}", session);

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.odataErrorMessage()).contains("00000000-0000-0000-0000-000000000001", "OrderStatus");
        assertThat(name.status()).isEqualTo(400);
        assertThat(amount.status()).isEqualTo(400);
        assertThat(text.status()).isEqualTo(400);
    }

    @Test
    void serverColumnsAndTheKeyCannotBeChanged() {
        TestSession session = http.loginAsSupervisor();

        assertThat(http.patchOrder(ORD9876_ID, "{\"Id\":\"00000000-0000-0000-0000-000000000001\"}", session)
                        .status())
                .isEqualTo(400);
        assertThat(http.patchOrder(ORD9876_ID, "{\"CreatedOn\":\"2020-01-01T00:00:00Z\"}", session)
                        .status())
                .isEqualTo(400);
        assertThat(http.patchOrder(ORD9876_ID, "{\"Id\":\"" + ORD9876_ID + "\",\"Comment\":\"x\"}", session)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void aPatchAsPlainApplicationJsonIsAcceptedToo() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.send(
                HttpMethod.PATCH, "/0/odata/Order(" + ORD9876_ID + ")", "{\"Comment\":\"plain\"}", headers -> {
                    headers.set("Cookie", session.cookieHeader());
                    headers.set("ForceUseSession", "true");
                    headers.set("BPMCSRF", session.csrfToken());
                    headers.setContentType(MediaType.APPLICATION_JSON);
                });

        assertThat(response.status()).isEqualTo(204);
    }

    @Test
    void aNumberWithAQuoteIsFoundWithTheQuoteDoubled() {
        TestSession session = http.loginAsSupervisor();

        String id = http.orderId("O'Brien-1", session);

        JsonNode order = http.getOrder(id, session).json();
        assertThat(order.path("Number").asString()).isEqualTo("O'Brien-1");
        assertThat(http.orderId("O'Brien-1", session)).isEqualTo(id);
    }

    @Test
    void anUnknownNumberCreatesTheOrderOnceWhenNotStrict() {
        TestSession session = http.loginAsSupervisor();

        String id = http.orderId("ORD-NEW-1", session);

        assertThat(id).matches("[0-9a-f-]{36}").isNotEqualTo(ORD9876_ID);
        assertThat(http.orderId("ORD-NEW-1", session)).isEqualTo(id);
        assertThat(http.getOrder(id, session).json().path("Number").asString()).isEqualTo("ORD-NEW-1");
        assertThat(http.get("/test-control/stats").json().path("orders").asInt())
                .isEqualTo(2);
    }

    @Test
    void concurrentLookUpsOfANewNumberCreateOneOrder() throws Exception {
        TestSession session = http.loginAsSupervisor();
        List<Callable<String>> lookUps = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lookUps.add(() -> http.orderId("ORD-RACE-1", session));
        }

        Set<String> ids = new HashSet<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
            for (Future<String> id : executor.invokeAll(lookUps)) {
                ids.add(id.get());
            }
        }

        assertThat(ids).hasSize(1);
        assertThat(http.findOrder("ORD-RACE-1", session).json().path("value").size())
                .isEqualTo(1);
    }

    @Test
    void filtersJoinedByAndSelectAndTop() {
        TestSession session = http.loginAsSupervisor();
        http.orderId("ORD-A", session);
        http.orderId("ORD-B", session);
        String draft = http.statusId("1. Draft", session);

        HttpResponse both = http.odata(
                HttpMethod.GET,
                "Order?$filter=" + encode("Number eq 'ORD-A' and StatusId eq " + draft) + "&$select="
                        + encode("Id,Number,StatusId"),
                null,
                session);
        HttpResponse none = http.odata(
                HttpMethod.GET,
                "Order?$filter=" + encode("(Number eq 'ORD-A' and Comment eq 'x')") + "&$select=Id",
                null,
                session);
        HttpResponse top = http.odata(HttpMethod.GET, "Order?$top=2&$select=Number", null, session);
        HttpResponse all = http.odata(HttpMethod.GET, "Order", null, session);

        assertThat(both.status()).isEqualTo(200);
        assertThat(both.json().path("@odata.context").asString()).endsWith("$metadata#Order(Id,Number,StatusId)");
        assertThat(both.json().path("value").size()).isEqualTo(1);
        assertThat(both.json().path("value").path(0).path("Number").asString()).isEqualTo("ORD-A");
        assertThat(both.json().path("value").path(0).propertyNames()).containsExactly("Id", "Number", "StatusId");
        assertThat(none.json().path("value").isEmpty()).isTrue();
        assertThat(top.json().path("value").size()).isEqualTo(2);
        assertThat(top.json().path("value").path(0).path("Number").asString()).isEqualTo("ORD-A");
        assertThat(all.json().path("@odata.context").asString()).endsWith("$metadata#Order");
        assertThat(all.json().path("value").size()).isEqualTo(3);
    }

    @Test
    void queriesTheFakeCannotAnswerAre400WithAnODataError() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse unknownProperty = http.odata(HttpMethod.GET, "Order?$select=Name", null, session);
        HttpResponse unknownFilter =
                http.odata(HttpMethod.GET, "Order?$filter=" + encode("OrderNumber eq 'ORD9876'"), null, session);
        HttpResponse navigation =
                http.odata(HttpMethod.GET, "Order?$filter=" + encode("Status/Name eq 'Shipped'"), null, session);
        HttpResponse wrongType =
                http.odata(HttpMethod.GET, "Order?$filter=" + encode("StatusId eq 'Shipped'"), null, session);
        HttpResponse unterminated =
                http.odata(HttpMethod.GET, "Order?$filter=" + encode("Number eq 'ORD9876"), null, session);
        HttpResponse operator =
                http.odata(HttpMethod.GET, "Order?$filter=" + encode("contains(Number,'ORD')"), null, session);
        HttpResponse top = http.odata(HttpMethod.GET, "Order?$top=-1", null, session);
        HttpResponse orderBy = http.odata(HttpMethod.GET, "Order?$orderby=Number", null, session);

        assertThat(unknownProperty.status()).isEqualTo(400);
        assertThat(unknownProperty.odataErrorMessage())
                .contains("Could not find a property named 'Name' on type 'Terrasoft.Configuration.Order'");
        assertThat(unknownFilter.status()).isEqualTo(400);
        assertThat(navigation.status()).isEqualTo(400);
        assertThat(navigation.odataErrorMessage()).contains("StatusId");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(unterminated.status()).isEqualTo(400);
        assertThat(operator.status()).isEqualTo(400);
        assertThat(top.status()).isEqualTo(400);
        assertThat(orderBy.status()).isEqualTo(400);
        assertThat(http.get("/test-control/stats").json().path("orders").asInt())
                .isEqualTo(1);
    }

    @Test
    void anUnknownGuidIs404() {
        TestSession session = http.loginAsSupervisor();
        String unknown = "00000000-0000-0000-0000-000000000404";

        HttpResponse get = http.getOrder(unknown, session);
        HttpResponse patch = http.patchOrder(unknown, "{\"Comment\":\"x\"}", session);

        assertThat(get.status()).isEqualTo(404);
        assertThat(get.json().path("error").has("code")).isTrue();
        assertThat(get.odataErrorMessage()).contains(unknown);
        assertThat(patch.status()).isEqualTo(404);
        assertThat(http.get("/test-control/stats").json().path("orders").asInt())
                .isEqualTo(1);
    }

    @Test
    void malformedBodiesAre400AndChangeNothing() {
        TestSession session = http.loginAsSupervisor();

        assertThat(http.patchOrder(ORD9876_ID, "{\"Comment\":", session).status())
                .isEqualTo(400);
        assertThat(http.patchOrder(ORD9876_ID, "[1,2]", session).status()).isEqualTo(400);
        assertThat(http.patchOrder(ORD9876_ID, "\"Shipped\"", session).status()).isEqualTo(400);
        assertThat(http.getOrder(ORD9876_ID, session).json().path("Comment").asString())
                .isEmpty();
    }

    @Test
    void unknownEntitySetsAndPathsAre404() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse contact = http.odata(HttpMethod.GET, "Contact", null, session);
        HttpResponse nested = http.odata(HttpMethod.GET, "Order(" + ORD9876_ID + ")/Status", null, session);
        HttpResponse elsewhere = http.get("/0/ServiceModel/Nothing.svc");

        assertThat(contact.status()).isEqualTo(404);
        assertThat(contact.odataErrorMessage()).contains("Contact");
        assertThat(nested.status()).isEqualTo(404);
        assertThat(elsewhere.status()).isEqualTo(404);
    }

    @Test
    void whatTheFakeDoesNotServeIs405() {
        TestSession session = http.loginAsSupervisor();

        assertThat(http.odata(HttpMethod.DELETE, "Order(" + ORD9876_ID + ")", null, session)
                        .status())
                .isEqualTo(405);
        assertThat(http.odata(HttpMethod.POST, "Order", "{\"Number\":\"ORD1\"}", session)
                        .status())
                .isEqualTo(405);
        assertThat(http.odata(HttpMethod.PATCH, "Order", "{\"Comment\":\"x\"}", session)
                        .status())
                .isEqualTo(405);
    }
}
