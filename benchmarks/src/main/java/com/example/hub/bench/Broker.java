package com.example.hub.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The local RabbitMQ of a benchmark run: its virtual host over AMQP, and its management API. */
final class Broker implements AutoCloseable {

    private final String host;

    private final int port;

    private final int managementPort;

    private final String username;

    private final String password;

    private final String vhost;

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = new JsonMapper();

    private Connection connection;

    Broker(String host, int port, int managementPort, String username, String password, String vhost) {
        this.host = host;
        this.port = port;
        this.managementPort = managementPort;
        this.username = username;
        this.password = password;
        this.vhost = vhost;
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
    Map<String, String> versions() throws IOException, InterruptedException {
        JsonNode overview = getJson("/api/overview");
        return Map.of(
                "rabbitmq", overview.path("rabbitmq_version").asString(),
                "erlang", overview.path("erlang_version").asString());
    }

    /** Deletes the run's virtual host with everything in it. */
    void deleteVhost() throws IOException, InterruptedException {
        close();
        HttpRequest request =
                managementRequest("/api/vhosts/" + encodedVhost()).DELETE().build();
        this.http.send(request, HttpResponse.BodyHandlers.discarding());
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                this.http.send(managementRequest(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return this.json.readTree(response.body());
    }

    private HttpRequest.Builder managementRequest(String path) {
        String credentials = Base64.getEncoder()
                .encodeToString((this.username + ":" + this.password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://" + this.host + ":" + this.managementPort + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + credentials);
    }

    private String encodedVhost() {
        return URLEncoder.encode(this.vhost, StandardCharsets.UTF_8);
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
