package com.example.hub.crm.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.creatio.FakeCreatioServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.client.RestClient;

/** The creatio health indicator against fake Creatio, with the checks run by the test instead of the scheduler. */
class CreatioHealthIndicatorTest {

    private static FakeCreatioServer creatio;
    private static FakeCreatioControls controls;

    @BeforeAll
    static void startFakeCreatio() {
        creatio = FakeCreatioServer.start("fake-creatio.test-controls.enabled=true");
        controls = new FakeCreatioControls(creatio.baseUrl());
    }

    @AfterAll
    static void stopFakeCreatio() {
        creatio.close();
    }

    @BeforeEach
    void resetFakeCreatio() {
        controls.reset();
    }

    @Test
    void isDownUntilTheFirstCheckHasRun() {
        CreatioHealthIndicator indicator = indicator("Supervisor");

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails())
                .containsEntry("error", "The first login check has not finished yet")
                .containsEntry("baseUrl", creatio.baseUrl().toString());
        assertThat(controls.stats().path("loginCalls").asInt()).isZero();
    }

    @Test
    void isUpWhenTheLoginSucceedsAndProbesDoNotCallCreatio() {
        CreatioHealthIndicator indicator = indicator("Supervisor");
        Instant before = Instant.now();

        indicator.checkLogin();
        Health first = indicator.health();
        Health second = indicator.health();
        Health third = indicator.health();

        assertThat(first.getStatus()).isEqualTo(Status.UP);
        assertThat(first.getDetails())
                .containsEntry("baseUrl", creatio.baseUrl().toString())
                .containsEntry("username", "Supervisor")
                .containsKey("lastCheckMillis")
                .doesNotContainKey("error");
        assertThat(Instant.parse((String) first.getDetails().get("lastCheck"))).isAfterOrEqualTo(before);
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(controls.stats().path("loginCalls").asInt())
                .as("one login, by the check")
                .isEqualTo(1);
    }

    @Test
    void isDownWithCreatiosMessageWhenThePasswordIsWrong() {
        CreatioHealthIndicator indicator = indicator("wrong");

        indicator.checkLogin();
        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) health.getDetails().get("error"))
                .contains("Creatio refused the login as Supervisor")
                .contains("Either user name or password specified incorrectly");
        assertThat(health.getDetails()).containsKey("lastCheck").doesNotContainKey("lastSuccess");
    }

    @Test
    void goesDownWhenCreatioFailsAndUpAgainWhenItRecovers() {
        CreatioHealthIndicator indicator = indicator("Supervisor");
        indicator.checkLogin();
        String firstCheck = (String) indicator.health().getDetails().get("lastCheck");

        controls.failNext(1, 503, "login");
        indicator.checkLogin();
        Health down = indicator.health();
        indicator.checkLogin();
        Health up = indicator.health();

        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) down.getDetails().get("error")).contains("HTTP 503").contains("Failure injected");
        assertThat(down.getDetails()).containsEntry("lastSuccess", firstCheck);
        assertThat(up.getStatus()).isEqualTo(Status.UP);
    }

    private static CreatioHealthIndicator indicator(String password) {
        CreatioProperties properties = new CreatioProperties(
                creatio.baseUrl(),
                "Supervisor",
                password,
                "/ServiceModel/AuthService.svc/Login",
                "/0/odata",
                Duration.ofSeconds(2),
                Duration.ofSeconds(10));
        return new CreatioHealthIndicator(new CreatioClient(RestClient.builder(), properties), properties);
    }
}
