package com.example.hub.bench;

import com.example.hub.testsupport.RabbitManagement;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/** The local RabbitMQ of a benchmark run: its virtual host over AMQP, and its management API ({@link RabbitManagement}). */
final class Broker implements AutoCloseable {

    private final String host;

    private final int port;

    private final String username;

    private final String password;

    private final String vhost;

    private final RabbitManagement management;

    private Connection connection;

    Broker(String host, int port, int managementPort, String username, String password, String vhost) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.vhost = vhost;
        this.management = new RabbitManagement(URI.create("http://" + host + ":" + managementPort), username, password);
    }

    String vhost() {
        return this.vhost;
    }

    /** The AMQP URI of the virtual host, for PerfTest. */
    String amqpUri() {
        return "amqp://" + this.username + ":" + this.password + "@" + this.host + ":" + this.port + "/"
                + URLEncoder.encode(this.vhost, StandardCharsets.UTF_8);
    }

    private synchronized Connection connection() throws IOException {
        if (this.connection == null || !this.connection.isOpen()) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(this.host);
            factory.setPort(this.port);
            factory.setUsername(this.username);
            factory.setPassword(this.password);
            factory.setVirtualHost(this.vhost);
            try {
                this.connection = factory.newConnection("benchmarks");
            } catch (TimeoutException ex) {
                throw new IOException(ex);
            }
        }
        return this.connection;
    }

    /** Messages ready in a queue (not those delivered and unacknowledged), or -1 when it does not exist. */
    long ready(String queue) {
        try (Channel channel = connection().createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | TimeoutException ex) {
            return -1;
        } catch (com.rabbitmq.client.AlreadyClosedException ex) {
            return -1;
        }
    }

    /** Consumers of a queue, or -1 when it does not exist. */
    long consumers(String queue) {
        try (Channel channel = connection().createChannel()) {
            return channel.queueDeclarePassive(queue).getConsumerCount();
        } catch (IOException | TimeoutException | com.rabbitmq.client.AlreadyClosedException ex) {
            return -1;
        }
    }

    /**
     * A tap: a server-named, exclusive queue bound to an exchange, that keeps only the last {@code keep} copies of what
     * is published there. It leaves the hub's own queues alone.
     */
    Tap tap(String exchange, List<String> bindingKeys, int keep) throws IOException {
        Channel channel = connection().createChannel();
        String queue = channel.queueDeclare("", false, true, true, Map.of("x-max-length", keep))
                .getQueue();
        for (String key : bindingKeys) {
            channel.queueBind(queue, exchange, key);
        }
        return new Tap(channel, queue);
    }

    /** Deletes a queue, if it is there. */
    void deleteQueue(String queue) {
        try (Channel channel = connection().createChannel()) {
            channel.queueDelete(queue);
        } catch (IOException | TimeoutException | com.rabbitmq.client.AlreadyClosedException ex) {
            // not there
        }
    }

    /** RabbitMQ's and Erlang's versions, from the management API. */
    Map<String, String> versions() {
        JsonNode overview = this.management.overview();
        return Map.of(
                "rabbitmq", overview.path("rabbitmq_version").asString(),
                "erlang", overview.path("erlang_version").asString());
    }

    /** Deletes the run's virtual host with everything in it. */
    void deleteVhost() {
        close();
        this.management.deleteVirtualHost(this.vhost);
    }

    @Override
    public synchronized void close() {
        if (this.connection != null && this.connection.isOpen()) {
            try {
                this.connection.close();
            } catch (IOException ex) {
                // closing anyway
            }
        }
        this.connection = null;
    }

    /** A tapped copy of messages: their body sizes by routing key. */
    record Tap(Channel channel, String queue) implements AutoCloseable {

        /** Takes what the tap kept: routing key and body size of each message. */
        List<Map.Entry<String, Integer>> drain() throws IOException {
            List<Map.Entry<String, Integer>> sizes = new ArrayList<>();
            GetResponse response;
            while ((response = this.channel.basicGet(this.queue, true)) != null) {
                sizes.add(Map.entry(response.getEnvelope().getRoutingKey(), response.getBody().length));
            }
            return sizes;
        }

        @Override
        public void close() throws IOException {
            try {
                this.channel.queueDelete(this.queue);
                this.channel.close();
            } catch (TimeoutException | com.rabbitmq.client.AlreadyClosedException ex) {
                // exclusive queue goes with the channel's connection anyway
            }
        }
    }
}
