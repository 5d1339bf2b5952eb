package com.example.hub.crm.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.JsonNode;

/** The creatio health indicator against fake Creatio, with the checks run by the test instead of the scheduler. */
class CreatioHealthIndicatorTests {

    @RegisterExtension
    static final FakeCreatio creatio = new FakeCreatio();

    @Test
    void isDownUntilTheFirstCheckHasRun() {
        CreatioHealthIndicator indicator = indicator("Supervisor");

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails())
                .containsEntry("error", "The first session check has not finished yet")
                .containsEntry("baseUrl", creatio.baseUrl().toString());
        assertThat(creatio.controls().stats().path("loginCalls").asInt()).isZero();
    }

    @Test
    void isUpWhenTheLoginSucceedsAndProbesDoNotCallCreatio() {
        CreatioHealthIndicator indicator = indicator("Supervisor");
        Instant before = Instant.now();

        indicator.checkSession();
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
        assertThat(creatio.controls().stats().path("loginCalls").asInt())
                .as("one login, by the check")
                .isEqualTo(1);
    }

    @Test
    void isDownWithCreatiosMessageWhenThePasswordIsWrong() {
        CreatioHealthIndicator indicator = indicator("wrong");

        indicator.checkSession();
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
        indicator.checkSession();
        String firstCheck = (String) indicator.health().getDetails().get("lastCheck");

        creatio.controls().failNext(1, 503, "all");
        indicator.checkSession();
        Health down = indicator.health();
        indicator.checkSession();
        Health up = indicator.health();

        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) down.getDetails().get("error")).contains("HTTP 503").contains("Failure injected");
        assertThat(down.getDetails()).containsEntry("lastSuccess", firstCheck);
        assertThat(up.getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void repeatedChecksReuseTheAdaptersSessionAndOpenNoOther() {
        CreatioProperties properties = properties("Supervisor");
        CreatioClient client = TestCreatio.client(properties);
        CreatioHealthIndicator indicator = new CreatioHealthIndicator(client, properties);
        client.updateOrderStatus("ORD1", "Paid");

        for (int check = 0; check < 10; check++) {
            indicator.checkSession();
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        }
        client.updateOrderStatus("ORD1", "Shipped");

        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("loginCalls").asInt())
                .as("the adapter's one login")
                .isEqualTo(1);
        assertThat(stats.path("successfulLogins").asInt()).isEqualTo(1);
        assertThat(stats.path("activeSessions").asInt()).isEqualTo(1);
        assertThat(stats.path("odataCalls").asInt())
                .as("two updates (the order found and the statuses read once), ten checks, the columns checked once")
                .isEqualTo(15);
    }

    @Test
    void theFirstCheckLogsInForTheAdapterAndItsCallsUseThatSession() {
        CreatioProperties properties = properties("Supervisor");
        CreatioClient client = TestCreatio.client(properties);
        CreatioHealthIndicator indicator = new CreatioHealthIndicator(client, properties);

        indicator.checkSession();
        indicator.checkSession();
        client.updateOrderStatus("ORD1", "Paid");

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("successfulLogins").asInt()).isEqualTo(1);
        assertThat(stats.path("activeSessions").asInt()).isEqualTo(1);
    }

    @Test
    void aSessionCreatioNoLongerAcceptsIsRenewedOnceByTheCheck() {
        CreatioHealthIndicator indicator = indicator("Supervisor");
        indicator.checkSession();
        creatio.controls().expireSessions();

        indicator.checkSession();
        indicator.checkSession();
        indicator.checkSession();

        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("successfulLogins").asInt()).isEqualTo(2);
        assertThat(stats.path("activeSessions").asInt()).isEqualTo(1);
    }

    @Test
    void aConfiguredColumnCreatioDoesNotHaveIsOutOfServiceNamingIt() {
        CreatioProperties properties = TestCreatio.properties(
                creatio.baseUrl(),
                "Supervisor",
                Duration.ofSeconds(10),
                "UsrErpNumber",
                Map.of(),
                new CreatioProperties.PolicyColumns("UsrPolicyNumber", "UsrPolicyHolder", null, null, null));
        CreatioHealthIndicator indicator = new CreatioHealthIndicator(TestCreatio.client(properties), properties);

        indicator.checkSession();
        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.getDetails())
                .containsEntry("missingColumns", List.of("Order.UsrErpNumber", "Order.UsrPolicyHolder"));
        assertThat((String) health.getDetails().get("error"))
                .contains("Creatio has no Order.UsrErpNumber, Order.UsrPolicyHolder");
    }

    private static CreatioHealthIndicator indicator(String password) {
        CreatioProperties properties = properties(password);
        return new CreatioHealthIndicator(TestCreatio.client(properties), properties);
    }

    private static CreatioProperties properties(String password) {
        return TestCreatio.properties(creatio.baseUrl(), password, Duration.ofSeconds(10));
    }
}
