package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The hub's default properties, and the structured console log that {@code LOG_FORMAT} switches on. */
class HubMessagingDefaultsTests {

    @Test
    void logFormatJsonSwitchesTheConsoleToElasticCommonSchema() {
        assertThat(structuredFormatWith(Map.of("LOG_FORMAT", "json"))).isEqualTo("ecs");
        assertThat(structuredFormatWith(Map.of("LOG_FORMAT", "Logstash"))).isEqualTo("logstash");
        assertThat(structuredFormatWith(Map.of("LOG_FORMAT", "gelf"))).isEqualTo("gelf");
    }

    @Test
    void withoutLogFormatOrWithTextTheConsoleStaysPlain() {
        assertThat(structuredFormatWith(Map.of())).isNull();
        assertThat(structuredFormatWith(Map.of("LOG_FORMAT", "text"))).isNull();
    }

    @Test
    void anApplicationsOwnSettingWinsOverLogFormat() {
        assertThat(structuredFormatWith(Map.of("LOG_FORMAT", "json", "logging.structured.format.console", "logstash")))
                .isEqualTo("logstash");
    }

    @Test
    void theBrokerComesFromTheHubsEnvironmentVariables() {
        StandardEnvironment environment = environment(Map.of("RABBITMQ_HOST", "broker.example.com"));

        assertThat(environment.getProperty("spring.rabbitmq.host")).isEqualTo("broker.example.com");
        assertThat(environment.getProperty("spring.rabbitmq.publisher-confirm-type"))
                .isEqualTo("correlated");
    }

    @Test
    void tlsToTheBrokerIsOffUnlessSwitchedOn() {
        assertThat(environment(Map.of()).getProperty("spring.rabbitmq.ssl.bundle"))
                .as("a bundle named would switch TLS on")
                .isNull();
        assertThat(environment(Map.of("RABBITMQ_TLS", "true")).getProperty("spring.rabbitmq.ssl.bundle"))
                .isEqualTo("hub-rabbitmq");
        assertThat(environment(Map.of()).getProperty("server.ssl.bundle")).isNull();
        assertThat(environment(Map.of("HUB_TLS", "true")).getProperty("server.ssl.bundle"))
                .isEqualTo("hub-server");
    }

    private static String structuredFormatWith(Map<String, Object> settings) {
        return environment(settings).getProperty("logging.structured.format.console");
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        new HubMessagingDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
