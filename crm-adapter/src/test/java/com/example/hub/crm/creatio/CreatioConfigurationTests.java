package com.example.hub.crm.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
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
                            Duration.ofSeconds(10),
                            "Number",
                            Map.of(),
                            CreatioProperties.PolicyColumns.NONE));
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
                        "CREATIO_READ_TIMEOUT=30s",
                        "CREATIO_ORDER_NUMBER_COLUMN=UsrErpNumber",
                        "CREATIO_POLICY_NUMBER_COLUMN=UsrPolicyNumber",
                        "CREATIO_POLICY_INSURER_COLUMN=UsrInsurer",
                        "CREATIO_POLICY_STATUS_COLUMN=",
                        "CREATIO_POLICY_START_DATE_COLUMN=UsrPolicyStartDate",
                        "CREATIO_POLICY_END_DATE_COLUMN=UsrPolicyEndDate")
                .run(context -> assertThat(context.getBean(CreatioProperties.class))
                        .isEqualTo(new CreatioProperties(
                                URI.create("https://crm.example.com/creatio"),
                                "Integration",
                                "s3cret",
                                "/auth/Login",
                                "/0/odata4",
                                Duration.ofMillis(500),
                                Duration.ofSeconds(30),
                                "UsrErpNumber",
                                Map.of(),
                                new CreatioProperties.PolicyColumns(
                                        "UsrPolicyNumber",
                                        "UsrInsurer",
                                        null,
                                        "UsrPolicyStartDate",
                                        "UsrPolicyEndDate"))));
    }

    @Test
    void theStatusMapTakes1csNamesIgnoringCase() {
        runner.withPropertyValues("creatio.status-map.[Shipped]=3. In progress").run(context -> {
            CreatioProperties properties = context.getBean(CreatioProperties.class);
            assertThat(properties.creatioStatus("Shipped")).isEqualTo("3. In progress");
            assertThat(properties.creatioStatus("SHIPPED")).isEqualTo("3. In progress");
            assertThat(properties.creatioStatus("Paid")).as("identity").isEqualTo("Paid");
        });
    }

    @Test
    void aColumnThatIsNoODataNameStopsTheStart() {
        runner.withPropertyValues("creatio.policy-columns.insurer=Usr Insurer")
                .run(context -> assertThat(context).hasFailed());
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
