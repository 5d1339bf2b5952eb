package com.example.hub.messaging.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code hub.messaging.schemas.supported-versions} sets the versions the schemas' consumers read. */
class HubSchemasAutoConfigurationTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(HubSchemasAutoConfiguration.class, JacksonAutoConfiguration.class));

    @Test
    void theSupportedVersionsAreTheSetting() {
        this.contexts
                .withPropertyValues("hub.messaging.schemas.supported-versions=1")
                .run(context -> assertThat(context.getBean(MessageSchemas.class).supportedVersions())
                        .containsExactly(1));
    }

    @Test
    void aVersionThisBuildHasNoSchemasForStopsTheApplication() {
        this.contexts
                .withPropertyValues("hub.messaging.schemas.supported-versions=1,99")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("hub.messaging.schemas.supported-versions must be between 1 and"));
    }

    @Test
    void noSchemasWhenTheyAreOff() {
        this.contexts
                .withPropertyValues("hub.messaging.schemas.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MessageSchemas.class));
    }
}
