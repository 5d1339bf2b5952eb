package com.example.hub.crm.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The client's wiring and the binding of application.yml, without the rest of the adapter (no broker needed). */
class CreatioConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class))
            .withUserConfiguration(CreatioConfiguration.class);

    @Test
    void applicationYmlHasTheDefaults() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(CreatioClient.class);
            assertThat(context.getBean(CreatioProperties.class))
                    .isEqualTo(new CreatioProperties(
                            URI.create("http://localhost:8090"),
                            "Supervisor",
                            "Supervisor",
                            "/ServiceModel/AuthService.svc/Login",
                            "/0/odata",
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(10)));
        });
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        runner.withSystemProperties(
                        "CREATIO_BASE_URL=https://crm.example.com/creatio",
                        "CREATIO_USERNAME=Integration",
                        "CREATIO_PASSWORD=s3cret",
                        "CREATIO_LOGIN_PATH=/auth/Login",
                        "CREATIO_ODATA_PATH=/0/odata4",
                        "CREATIO_CONNECT_TIMEOUT=500ms",
                        "CREATIO_READ_TIMEOUT=30s")
                .run(context -> assertThat(context.getBean(CreatioProperties.class))
                        .isEqualTo(new CreatioProperties(
                                URI.create("https://crm.example.com/creatio"),
                                "Integration",
                                "s3cret",
                                "/auth/Login",
                                "/0/odata4",
                                Duration.ofMillis(500),
                                Duration.ofSeconds(30))));
    }

    @Test
    void aBlankUsernameStopsTheStart() {
        runner.withPropertyValues("creatio.username= ")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void thePasswordIsNotShownInToString() {
        runner.withPropertyValues("creatio.password=s3cret")
                .run(context -> assertThat(
                                context.getBean(CreatioProperties.class).toString())
                        .doesNotContain("s3cret"));
    }
}
