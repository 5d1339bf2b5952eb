package com.example.hub.soindi.product;

import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.soindi.SoindiConsumerApplication;
import com.example.hub.testsupport.TestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A whole SOINDI application, started as its main method does, on a virtual host of the test broker. */
final class SoindiInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SoindiInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts SOINDI.
     *
     * @param broker the test broker
     * @param virtualHost the virtual host to work in
     * @param datasourceUrl the store, or {@code null} for the default H2 file under {@code SOINDI_DATA_DIR}
     * @param instanceId the instance's name
     * @param arguments further command-line arguments
     * @return the running application
     */
    static SoindiInstance start(
            TestBroker broker,
            String virtualHost,
            @Nullable String datasourceUrl,
            String instanceId,
            String... arguments) {
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.rabbitmq.host=" + broker.host(),
                "--spring.rabbitmq.port=" + broker.amqpPort(),
                "--spring.rabbitmq.username=" + broker.username(),
                "--spring.rabbitmq.password=" + broker.password(),
                "--spring.rabbitmq.virtual-host=" + virtualHost,
                "--spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
                "--spring.rabbitmq.listener.simple.retry.max-interval=200ms",
                "--soindi.instance-id=" + instanceId));
        if (datasourceUrl != null) {
            all.add("--spring.datasource.url=" + datasourceUrl);
        }
        all.addAll(List.of(arguments));
        return new SoindiInstance(
                new SpringApplicationBuilder(SoindiConsumerApplication.class).run(all.toArray(String[]::new)));
    }

    ProductStore store() {
        return this.context.getBean(ProductStore.class);
    }

    JdbcClient jdbc() {
        return this.context.getBean(JdbcClient.class);
    }

    AmqpAdmin amqpAdmin() {
        return this.context.getBean(AmqpAdmin.class);
    }

    MessagePublisher publisher() {
        return this.context.getBean(MessagePublisher.class);
    }

    /** How many events this instance handled with an outcome: applied, duplicate or stale. */
    double handled(String outcome) {
        return this.context
                .getBean(MeterRegistry.class)
                .counter("soindi.events", "outcome", outcome)
                .count();
    }

    /** How often this instance tried an event again after its batch failed. */
    double retried() {
        return this.context
                .getBean(MeterRegistry.class)
                .counter("soindi.events.retried")
                .count();
    }

    double handled() {
        return handled("applied") + handled("duplicate") + handled("stale");
    }

    @Override
    public void close() {
        this.context.close();
    }
}
