package com.example.hub.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.example.hub.security.InsecureSettingsException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/**
 * The adapter's own defaults (the broker's guest user, Creatio's Supervisor password) keep it from starting in
 * production, before it connects anywhere; each offending setting is named.
 */
class ProductionSettingsTests {

    @Test
    void refusesToStartInProductionWithTheDefaults() {
        SpringApplication application = new SpringApplication(CrmAdapterApplication.class);

        assertThatExceptionOfType(InsecureSettingsException.class)
                .isThrownBy(() -> application.run(
                        "--hub.production=true",
                        "--spring.datasource.url=jdbc:h2:mem:crm-production-tests",
                        "--creatio.password=Supervisor",
                        "--hub.security.clients.operator.keys=short-operator-key"))
                .satisfies(failure -> assertThat(failure.problems())
                        .hasSize(4)
                        .anySatisfy(problem -> assertThat(problem).startsWith("spring.rabbitmq.username"))
                        .anySatisfy(problem -> assertThat(problem).startsWith("spring.rabbitmq.password"))
                        .anySatisfy(problem -> assertThat(problem).startsWith("creatio.password (CREATIO_PASSWORD)"))
                        .anySatisfy(problem -> assertThat(problem)
                                .startsWith("key 1 of hub.security.clients.operator.keys (HUB_API_KEYS_OPERATOR)")));
    }
}
