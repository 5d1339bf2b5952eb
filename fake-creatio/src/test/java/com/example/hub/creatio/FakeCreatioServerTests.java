package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.ResourceAccessException;

class FakeCreatioServerTests {

    @Test
    void startsOnAFreePortWithTheGivenPropertiesAndStopsOnClose() {
        CreatioHttp http;
        try (FakeCreatioServer creatio = FakeCreatioServer.start(
                "fake-creatio.username=Integrator",
                "fake-creatio.password=s3cret=yes",
                "fake-creatio.test-controls.enabled=true")) {
            assertThat(creatio.baseUrl()).hasToString("http://localhost:" + creatio.port());
            http = new CreatioHttp(creatio.port());

            assertThat(http.login("Integrator", "s3cret=yes")
                            .json()
                            .path("Code")
                            .asInt())
                    .isZero();
            assertThat(http.login("Supervisor", "Supervisor")
                            .json()
                            .path("Code")
                            .asInt())
                    .isEqualTo(1);
            assertThat(http.get("/test-control/stats").json().path("loginCalls").asInt())
                    .isEqualTo(2);
        }

        assertThatThrownBy(() -> http.get("/actuator/health")).isInstanceOf(ResourceAccessException.class);
    }

    @Test
    void withoutThisModulesApplicationYmlTheDefaultsOfTheCodeApply() throws Exception {
        try (FakeCreatioServer creatio = FakeCreatioServer.start("spring.config.name=no-such-config")) {
            assertThat(creatio.context().getEnvironment().getProperty("fake-creatio.order-statuses[0]"))
                    .as("application.yml is not read")
                    .isNull();
            CreatioHttp http = new CreatioHttp(creatio.port());
            TestSession session = http.loginAsSupervisor();

            assertThat(http.orderId("ORD9876", session)).isEqualTo(OrderODataTests.ORD9876_ID);
            assertThat(http.statusId("1. Draft", session)).isNotBlank();
            assertThat(http.statusId("Cancelled", session)).isNotBlank();
            assertThat(MetadataTests.properties(
                            MetadataTests.parse(http.odata(HttpMethod.GET, "$metadata", null, session)
                                    .body()),
                            "Order"))
                    .containsKeys(
                            "UsrPolicyNumber",
                            "UsrInsurer",
                            "UsrPolicyStatus",
                            "UsrPolicyStartDate",
                            "UsrPolicyEndDate");
        }
    }

    @Test
    void withNoCustomColumnsConfiguredOrderHasOnlyItsStandardColumns() throws Exception {
        try (FakeCreatioServer creatio = FakeCreatioServer.start("fake-creatio.order-custom-columns=")) {
            CreatioHttp http = new CreatioHttp(creatio.port());
            TestSession session = http.loginAsSupervisor();

            assertThat(MetadataTests.properties(
                            MetadataTests.parse(http.odata(HttpMethod.GET, "$metadata", null, session)
                                    .body()),
                            "Order"))
                    .containsOnlyKeys("Id", "Number", "StatusId", "Comment", "Amount", "CreatedOn", "ModifiedOn");
            assertThat(http.patchOrder(OrderODataTests.ORD9876_ID, "{\"UsrPolicyNumber\":\"POL-1\"}", session)
                            .status())
                    .isEqualTo(400);
        }
    }
}
