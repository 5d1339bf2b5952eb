package com.example.hub.testsupport;

import com.rabbitmq.client.ConnectionFactory;

/**
 * A user of the test broker that a test created, such as an application's user with the hub's permissions ({@link
 * TestBroker#newUser}).
 *
 * @param username its name
 * @param password its password
 */
public record BrokerUser(String username, String password) {

    /**
     * A RabbitMQ client connection factory for this user.
     *
     * @param broker the broker
     * @param vhost the virtual host to connect to
     * @return the factory
     */
    public ConnectionFactory connectionFactory(TestBroker broker, String vhost) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.amqpPort());
        factory.setUsername(this.username);
        factory.setPassword(this.password);
        factory.setVirtualHost(vhost);
        return factory;
    }

    @Override
    public String toString() {
        return "BrokerUser[" + this.username + "]";
    }
}
