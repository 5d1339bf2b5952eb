package com.example.hub.odoo;

import com.example.hub.testsupport.TestBroker;
import java.util.ArrayList;
import java.util.List;

/** Command lines of the producer that point it at a virtual host of the test broker. */
final class ProducerRuns {

    private ProducerRuns() {}

    static String[] arguments(TestBroker broker, String virtualHost, String... producerArguments) {
        return arguments(broker.host(), broker.amqpPort(), broker, virtualHost, producerArguments);
    }

    static String[] arguments(
            String host, int port, TestBroker broker, String virtualHost, String... producerArguments) {
        return arguments(host, port, broker.password(), broker, virtualHost, producerArguments);
    }

    static String[] arguments(
            String host,
            int port,
            String password,
            TestBroker broker,
            String virtualHost,
            String... producerArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.rabbitmq.host=" + host,
                "--spring.rabbitmq.port=" + port,
                "--spring.rabbitmq.username=" + broker.username(),
                "--spring.rabbitmq.password=" + password,
                "--spring.rabbitmq.virtual-host=" + virtualHost));
        arguments.addAll(List.of(producerArguments));
        return arguments.toArray(String[]::new);
    }
}
