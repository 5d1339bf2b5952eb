package com.example.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * In production ({@code hub.production=true}) an application refuses to start with a default or placeholder setting,
 * and names each one without showing a key; it starts with proper settings, and outside production with any.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionSettingsCheckTests {

    private static final String GOOD_KEY = "k7Yq2pV9sLmN4xR8tB3wZ6cF1hJ5dG0aE";

    private static final List<String> GOOD = List.of(
            "hub.production=true",
            "hub.security.clients.1c.keys=" + GOOD_KEY,
            "hub.security.clients.reader.keys=" + ApiKeyHash.ofPlain("short"),
            "spring.rabbitmq.username=onec",
            "spring.rabbitmq.password=s3cret-broker-password",
            "spring.datasource.password=s3cret-db-password",
            "creatio.password=s3cret-creatio-password");

    @Test
    void startsInProductionWithProperSettings() {
        try (ConfigurableApplicationContext context = start(GOOD)) {
            assertThat(context.isActive()).isTrue();
        }
    }

    @Test
    void startsOutsideProductionWithDefaults() {
        try (ConfigurableApplicationContext context =
                start(List.of("hub.security.clients.1c.keys=short,change-me-too"))) {
            assertThat(context.isActive()).isTrue();
        }
    }

    @Test
    void refusesAShortPlainKeyAndNamesItsSetting() {
        String shortKey = "only-twenty-chars-12";
        assertThat(refused("hub.security.clients.1c.keys=" + GOOD_KEY + "," + shortKey))
                .singleElement()
                .asString()
                .startsWith("key 2 of hub.security.clients.1c.keys (HUB_API_KEYS_1C) is shorter than 32 characters")
                .doesNotContain(shortKey);
    }

    @Test
    void refusesThePlaceholderOfTheMetricsClientEveryApplicationHas() {
        // the metrics client comes from HubSecurityDefaults, its keys from HUB_API_KEYS_METRICS
        assertThat(refused("HUB_API_KEYS_METRICS=change-me-metrics-api-key"))
                .singleElement()
                .asString()
                .startsWith("key 1 of hub.security.clients.metrics.keys (HUB_API_KEYS_METRICS) is a placeholder");
    }

    @Test
    void refusesAPlaceholderKeyOfAnyClient() {
        String placeholder = "change-me-to-a-long-random-key-of-at-least-32";
        assertThat(refused("hub.security.clients.partner.keys=" + placeholder))
                .singleElement()
                .asString()
                .startsWith("key 1 of hub.security.clients.partner.keys is a placeholder")
                .doesNotContain(placeholder);
    }

    @Test
    void refusesTheBrokersGuestUser() {
        assertThat(refused("spring.rabbitmq.username=guest"))
                .singleElement()
                .asString()
                .startsWith("spring.rabbitmq.username (RABBITMQ_USERNAME) is the broker's default user 'guest'");
        assertThat(refused("spring.rabbitmq.password=guest"))
                .singleElement()
                .asString()
                .startsWith("spring.rabbitmq.password (RABBITMQ_PASSWORD) is the default 'guest'");
    }

    @Test
    void refusesAPlaceholderDatabasePassword() {
        assertThat(refused("spring.datasource.password=change-me-onec"))
                .singleElement()
                .asString()
                .startsWith("spring.datasource.password (SPRING_DATASOURCE_PASSWORD) is a placeholder");
    }

    @Test
    void refusesCreatiosDefaultPassword() {
        assertThat(refused("creatio.password=Supervisor"))
                .singleElement()
                .asString()
                .startsWith("creatio.password (CREATIO_PASSWORD) is Creatio's default or a placeholder");
        assertThat(refused("creatio.password=change-me")).hasSize(1);
    }

    @Test
    void namesEveryOffendingSettingAtOnceInTheFailureReport(CapturedOutput output) {
        List<String> settings = new ArrayList<>(List.of("hub.production=true"));
        settings.add("hub.security.clients.operator.keys=short-key");
        settings.add("spring.datasource.password=change-me");
        // the broker's user and password are not set: Boot's default is guest
        InsecureSettingsException failure = assertThatExceptionOfType(InsecureSettingsException.class)
                .isThrownBy(() -> start(settings))
                .actual();
        assertThat(failure.problems())
                .hasSize(4)
                .anySatisfy(problem -> assertThat(problem).contains("HUB_API_KEYS_OPERATOR"))
                .anySatisfy(problem -> assertThat(problem).contains("RABBITMQ_USERNAME"))
                .anySatisfy(problem -> assertThat(problem).contains("RABBITMQ_PASSWORD"))
                .anySatisfy(problem -> assertThat(problem).contains("SPRING_DATASOURCE_PASSWORD"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("  - key 1 of hub.security.clients.operator.keys (HUB_API_KEYS_OPERATOR)")
                .doesNotContain("short-key");
        FailureAnalysis analysis = new InsecureSettingsFailureAnalyzer().analyze(failure);
        assertThat(analysis.getAction()).contains("unsetting HUB_PRODUCTION");
    }

    private static List<String> refused(String badSetting) {
        List<String> settings = new ArrayList<>(GOOD);
        String name = badSetting.substring(0, badSetting.indexOf('=') + 1);
        settings.removeIf(setting -> setting.startsWith(name));
        settings.add(badSetting);
        return assertThatExceptionOfType(InsecureSettingsException.class)
                .isThrownBy(() -> start(settings))
                .actual()
                .problems();
    }

    private static ConfigurableApplicationContext start(List<String> settings) {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // the settings as command-line arguments: the highest precedence, above application.yml and the environment
        return application.run(settings.stream().map(setting -> "--" + setting).toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {}
}
