package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.w3c.dom.Document;

/** The custom columns of {@code Order} are what the settings list: others are unknown to PATCH and to $metadata. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "fake-creatio.order-custom-columns=UsrPolicy,UsrNotes")
class CustomColumnsTests extends FakeCreatioClientTests {

    @Test
    void onlyTheConfiguredCustomColumnsExist() throws Exception {
        TestSession session = http.loginAsSupervisor();
        String id = http.orderId("ORD9876", session);

        Document csdl = MetadataTests.parse(
                http.odata(HttpMethod.GET, "$metadata", null, session).body());
        HttpResponse configured = http.patchOrder(id, "{\"UsrPolicy\":\"POL-1\",\"UsrNotes\":\"n\"}", session);
        HttpResponse other = http.patchOrder(id, "{\"UsrPolicyNumber\":\"POL-1\"}", session);

        assertThat(MetadataTests.properties(csdl, "Order"))
                .containsKeys("UsrPolicy", "UsrNotes")
                .doesNotContainKey("UsrPolicyNumber");
        assertThat(configured.status()).isEqualTo(204);
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.odataErrorMessage())
                .contains("The property 'UsrPolicyNumber' does not exist on type 'Terrasoft.Configuration.Order'");
        assertThat(http.getOrder(id, session).json().path("UsrPolicy").asString())
                .isEqualTo("POL-1");
    }
}
