package com.example.hub.creatio;

import static com.example.hub.creatio.CreatioHttp.encode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/** The {@code OrderStatus} lookup: Creatio's standard order statuses and the names the hub sends, each with a GUID. */
class OrderStatusODataTests extends FakeCreatioHttpTests {

    @Test
    void allStatusesWithIdAndName() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.odata(HttpMethod.GET, "OrderStatus?$select=Id,Name", null, session);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("@odata.context").asString())
                .endsWith("/0/odata/$metadata#OrderStatus(Id,Name)");
        List<String> names = new ArrayList<>();
        for (JsonNode status : response.json().path("value")) {
            assertThat(status.path("Id").asString())
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(status.propertyNames()).containsExactly("Id", "Name");
            names.add(status.path("Name").asString());
        }
        assertThat(names)
                .containsExactly(
                        "1. Draft",
                        "2. Confirmation",
                        "3. In progress",
                        "4. Completed",
                        "5. Canceled",
                        "Shipped",
                        "Paid",
                        "Delivered",
                        "Cancelled");
    }

    @Test
    void aStatusIsFoundByNameAndReadByItsGuid() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse found = http.odata(
                HttpMethod.GET, "OrderStatus?$filter=" + encode("Name eq 'Shipped'") + "&$select=Id", null, session);
        String id = found.json().path("value").path(0).path("Id").asString();
        HttpResponse read = http.odata(HttpMethod.GET, "OrderStatus(" + id + ")", null, session);

        assertThat(found.json().path("value").size()).isEqualTo(1);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("@odata.context").asString()).endsWith("$metadata#OrderStatus/$entity");
        assertThat(read.json().path("Name").asString()).isEqualTo("Shipped");
    }

    @Test
    void statusGuidsStayTheSameAcrossResets() {
        TestSession session = http.loginAsSupervisor();
        String before = http.statusId("3. In progress", session);

        http.post("/test-control/reset", null);

        assertThat(http.statusId("3. In progress", http.loginAsSupervisor())).isEqualTo(before);
    }

    @Test
    void anUnknownNameMatchesNoRowAndTopLimits() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse unknown =
                http.odata(HttpMethod.GET, "OrderStatus?$filter=" + encode("Name eq 'Lost in transit'"), null, session);
        HttpResponse top = http.odata(HttpMethod.GET, "OrderStatus?$top=1", null, session);

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().path("value").isEmpty()).isTrue();
        assertThat(top.json().path("value").size()).isEqualTo(1);
        assertThat(top.json().path("value").path(0).path("Name").asString()).isEqualTo("1. Draft");
    }

    @Test
    void statusesCannotBeChanged() {
        TestSession session = http.loginAsSupervisor();
        String id = http.statusId("Shipped", session);

        HttpResponse response = http.odata(HttpMethod.PATCH, "OrderStatus(" + id + ")", "{\"Name\":\"x\"}", session);

        assertThat(response.status()).isEqualTo(405);
    }
}
