package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
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
}
