package com.example.hub.creatio;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the fake in-process on a free port, for other modules' tests (this module's test jar).
 *
 * <p>It keeps the other module's auto-configurations out of the fake: RabbitMQ, Kafka, JMS, databases, security and
 * the hub's own ({@code com.example.hub.*}, e.g. common-messaging), which would otherwise give the fake a broker
 * connection, a data source or a login page. Health groups that name their contributors are then not validated.
 *
 * <p>Properties are passed as command-line arguments: {@code SpringApplicationBuilder.properties(...)} sets default
 * properties, which lose against any {@code application.yml} on the classpath (this module's sets {@code server.port}).
 *
 * <pre>{@code
 * try (FakeCreatioServer creatio = FakeCreatioServer.start("fake-creatio.test-controls.enabled=true")) {
 *     URI baseUrl = creatio.baseUrl();
 * }
 * }</pre>
 */
public final class FakeCreatioServer implements AutoCloseable {

    /** The auto-configurations of another module's classpath that the fake does without. */
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

    private final ConfigurableApplicationContext context;
    private final int port;

    private FakeCreatioServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /**
     * @param properties {@code key=value} pairs, e.g. {@code fake-creatio.strict-orders=true}; they win over every
     *     other property source
     */
    public static FakeCreatioServer start(String... properties) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        args.add("--server.shutdown=immediate");
        args.add("--spring.main.banner-mode=off");
        args.add("--spring.application.name=fake-creatio");
        List<String> foreign =
                ImportCandidates.load(AutoConfiguration.class, FakeCreatioServer.class.getClassLoader())
                        .getCandidates()
                        .stream()
                        .filter(name -> FOREIGN_PREFIXES.stream().anyMatch(name::startsWith))
                        .toList();
        if (!foreign.isEmpty()) {
            args.add("--spring.autoconfigure.exclude=" + String.join(",", foreign));
            args.add("--management.endpoint.health.validate-group-membership=false");
        }
        for (String property : properties) {
            args.add("--" + property);
        }
        return new FakeCreatioServer(
                new SpringApplicationBuilder(FakeCreatioApplication.class).run(args.toArray(String[]::new)));
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:<port>}, the value for the hub's {@code CREATIO_BASE_URL}. */
    public URI baseUrl() {
        return URI.create("http://localhost:" + port);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
