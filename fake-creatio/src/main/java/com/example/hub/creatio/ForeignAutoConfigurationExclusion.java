package com.example.hub.creatio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Keeps other modules' auto-configurations out of the fake when it runs in-process from their tests: RabbitMQ, Kafka,
 * JMS, databases, security and the hub's own ({@code com.example.hub.*}, e.g. common-messaging). Without this, an
 * adapter's test classpath would give the fake a broker connection, a data source or a login page. Health groups
 * that name the excluded contributors are then not validated. Does nothing for
 * any application other than {@link FakeCreatioApplication}, and nothing when the fake runs alone (none of these is on
 * its classpath then).
 */
class ForeignAutoConfigurationExclusion implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "fakeCreatioForeignAutoConfigurationExclusion";
    private static final String EXCLUDE = "spring.autoconfigure.exclude";
    private static final List<String> FOREIGN_PREFIXES = List.of(
            "com.example.hub.",
            "org.springframework.boot.amqp.",
            "org.springframework.boot.kafka.",
            "org.springframework.boot.jms.",
            "org.springframework.boot.security.",
            "org.springframework.boot.jdbc.",
            "org.springframework.boot.r2dbc.",
            "org.springframework.boot.jpa.",
            "org.springframework.boot.hibernate.",
            "org.springframework.boot.data.",
            "org.springframework.boot.flyway.",
            "org.springframework.boot.liquibase.");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(FakeCreatioApplication.class)) {
            return;
        }
        List<String> foreign =
                ImportCandidates.load(AutoConfiguration.class, application.getClassLoader()).getCandidates().stream()
                        .filter(name -> FOREIGN_PREFIXES.stream().anyMatch(name::startsWith))
                        .toList();
        if (foreign.isEmpty()) {
            return;
        }
        List<String> excluded = new ArrayList<>(
                Arrays.asList(StringUtils.commaDelimitedListToStringArray(environment.getProperty(EXCLUDE, ""))));
        excluded.addAll(foreign);
        // their defaults may name health contributors of the excluded configurations in health groups
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        PROPERTY_SOURCE,
                        Map.of(
                                EXCLUDE,
                                StringUtils.collectionToCommaDelimitedString(excluded),
                                "management.endpoint.health.validate-group-membership",
                                "false")));
    }
}
