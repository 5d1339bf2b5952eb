package com.example.hub.messaging.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.TestBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.context.support.GenericApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code docker/rabbitmq/definitions.json}, the shared topology that compose's broker imports at its start, is the
 * topology the applications declare ({@link HubTopologyDeclarables#hub()}, {@link HubTopologyDeclarables#odooEvents()}):
 * every exchange, queue and binding of one is in the other, with the same arguments, so that an application that
 * declares the shared topology itself on such a broker does not fail with an inequivalent argument.
 */
class SharedTopologyDefinitionsTests {

    private final TestBroker broker = TestBroker.get();

    private String vhost;

    private CachingConnectionFactory connectionFactory;

    @BeforeEach
    void virtualHost() {
        this.vhost = this.broker.newVirtualHost(getClass().getSimpleName());
        this.connectionFactory = new CachingConnectionFactory(this.broker.host(), this.broker.amqpPort());
        this.connectionFactory.setUsername(this.broker.username());
        this.connectionFactory.setPassword(this.broker.password());
        this.connectionFactory.setVirtualHost(this.vhost);
    }

    @AfterEach
    void deleteVirtualHost() {
        this.connectionFactory.destroy();
        this.broker.deleteVirtualHost(this.vhost);
    }

    @Test
    void theDefinitionsFileHoldsExactlyTheSharedTopologyOfTheCode() {
        this.broker.declareSharedTopology(this.vhost);
        Set<String> imported = topology();

        declare(HubTopologyDeclarables.hub(), HubTopologyDeclarables.odooEvents());

        assertThat(topology()).as("after the applications' declarations").isEqualTo(imported);
        assertThat(imported)
                .contains(
                        "queue dms_queue {x-dead-letter-exchange=dms_dead_letter_exchange, x-dead-letter-strategy="
                                + "at-least-once, x-delivery-limit=10, x-overflow=reject-publish, x-queue-type=quorum}",
                        "exchange dms_queue.retry direct",
                        "binding dms_queue.retry -> dms_queue dms_queue",
                        "exchange odoo_events_dead_letter_exchange fanout",
                        "queue odoo_events {}");
    }

    @Test
    void theCodeDeclaresNothingThatTheDefinitionsFileLacks() {
        declare(HubTopologyDeclarables.hub(), HubTopologyDeclarables.odooEvents());
        Set<String> declared = topology();

        this.broker.declareSharedTopology(this.vhost);

        assertThat(topology()).isEqualTo(declared);
    }

    /** Declares as an application's RabbitAdmin does, failing on any refused or inequivalent declaration. */
    private void declare(Declarables... declarables) {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            List<Declarable> all = new ArrayList<>();
            for (Declarables group : declarables) {
                all.addAll(group.getDeclarables());
            }
            context.registerBean(Declarables.class, () -> new Declarables(all));
            context.refresh();
            RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
            admin.setApplicationContext(context);
            admin.afterPropertiesSet();
            admin.initialize();
        }
    }

    /** The exchanges (other than the broker's own), queues and bindings of the virtual host, one line each. */
    private Set<String> topology() {
        JsonNode definitions = this.broker.management().definitions(this.vhost);
        Set<String> lines = new TreeSet<>();
        definitions.path("exchanges").forEach(exchange -> {
            String name = exchange.path("name").asString();
            if (!name.isEmpty() && !name.startsWith("amq.")) {
                lines.add("exchange " + name + " " + exchange.path("type").asString()
                        + (exchange.path("durable").asBoolean() ? "" : " transient"));
            }
        });
        definitions.path("queues").forEach(queue -> {
            Set<String> arguments = new TreeSet<>();
            queue.path("arguments")
                    .propertyNames()
                    .forEach(name -> arguments.add(
                            name + "=" + queue.path("arguments").path(name).asString()));
            // RabbitMQ 4 shows the default type of a queue declared without one; 3.x shows no argument
            arguments.remove("x-queue-type=classic");
            lines.add("queue " + queue.path("name").asString() + " "
                    + arguments.toString().replace('[', '{').replace(']', '}')
                    + (queue.path("durable").asBoolean() ? "" : " transient"));
        });
        definitions
                .path("bindings")
                .forEach(
                        binding -> lines.add("binding " + binding.path("source").asString() + " -> "
                                + binding.path("destination").asString() + " "
                                + binding.path("routing_key").asString()));
        return lines;
    }
}
