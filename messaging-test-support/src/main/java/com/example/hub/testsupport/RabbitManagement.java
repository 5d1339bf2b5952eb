package com.example.hub.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * A small client of RabbitMQ's management HTTP API, for setting up virtual hosts and for asserting on what the broker
 * holds: queues with their arguments, bindings, message counts. The project's one Java client of that API: the tests
 * and the benchmarks use it.
 */
public final class RabbitManagement {

    private final RestClient client;

    /**
     * A client of the management API at a base URI.
     *
     * @param baseUri the management listener, e.g. {@code http://127.0.0.1:15672}
     * @param username a user tagged for the management API
     * @param password its password
     */
    public RabbitManagement(URI baseUri, String username, String password) {
        // HTTP/1.1: the management API's server closes connections that offer an upgrade to HTTP/2 with a body
        HttpClient httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.client = RestClient.builder()
                .requestFactory(new JdkClientHttpRequestFactory(httpClient))
                .baseUrl(baseUri.toString() + "/api")
                .defaultHeaders(headers -> headers.setBasicAuth(username, password))
                .build();
    }

    void createVirtualHost(String vhost, String user) {
        this.client
                .put()
                .uri("/vhosts/{vhost}", vhost)
                .body(Map.of())
                .retrieve()
                .toBodilessEntity();
        this.client
                .put()
                .uri("/permissions/{vhost}/{user}", vhost, user)
                .body(Map.of("configure", ".*", "write", ".*", "read", ".*"))
                .retrieve()
                .toBodilessEntity();
    }

    /**
     * Deletes a virtual host with everything in it, if it exists.
     *
     * @param vhost the virtual host
     */
    public void deleteVirtualHost(String vhost) {
        this.client
                .delete()
                .uri("/vhosts/{vhost}", vhost)
                .retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {})
                .toBodilessEntity();
    }

    /**
     * The broker's overview: {@code rabbitmq_version}, {@code erlang_version}, totals...
     *
     * @return the overview's JSON
     */
    public JsonNode overview() {
        return this.client.get().uri("/overview").retrieve().body(JsonNode.class);
    }

    List<String> virtualHosts() {
        JsonNode vhosts = this.client.get().uri("/vhosts").retrieve().body(JsonNode.class);
        List<String> names = new ArrayList<>();
        if (vhosts != null) {
            vhosts.forEach(vhost -> names.add(vhost.get("name").asString()));
        }
        return names;
    }

    /**
     * Creates a user, or sets the password of an existing one; without tags, so it cannot use the management API.
     *
     * @param user the user name
     * @param password its password
     */
    public void createUser(String user, String password) {
        this.client
                .put()
                .uri("/users/{user}", user)
                .body(Map.of("password", password, "tags", ""))
                .retrieve()
                .toBodilessEntity();
    }

    /**
     * Deletes a user, if it exists.
     *
     * @param user the user name
     */
    public void deleteUser(String user) {
        this.client
                .delete()
                .uri("/users/{user}", user)
                .retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {})
                .toBodilessEntity();
    }

    /**
     * The names of the broker's users.
     *
     * @return every user name
     */
    public List<String> users() {
        JsonNode users = this.client.get().uri("/users").retrieve().body(JsonNode.class);
        List<String> names = new ArrayList<>();
        if (users != null) {
            users.forEach(user -> names.add(user.get("name").asString()));
        }
        return names;
    }

    /**
     * Sets a user's permissions in a virtual host: regular expressions over the names of the exchanges and queues it
     * may configure (declare, delete), write (publish to, bind a queue to) and read (consume, get, bind from), as
     * {@code rabbitmqctl set_permissions} does. {@code ^$} allows nothing.
     *
     * @param vhost the virtual host
     * @param user the user
     * @param configure the resources it may configure
     * @param write the resources it may write
     * @param read the resources it may read
     */
    public void setPermissions(String vhost, String user, String configure, String write, String read) {
        this.client
                .put()
                .uri("/permissions/{vhost}/{user}", vhost, user)
                .body(Map.of("configure", configure, "write", write, "read", read))
                .retrieve()
                .toBodilessEntity();
    }

    /**
     * Sets a user's topic permissions on a topic exchange of a virtual host: the routing keys it may publish with
     * ({@code write}) and, for MQTT and STOMP, subscribe to ({@code read}), as {@code rabbitmqctl
     * set_topic_permissions} does.
     *
     * @param vhost the virtual host
     * @param user the user
     * @param exchange the topic exchange
     * @param write the routing keys it may publish with
     * @param read the routing keys it may subscribe to
     */
    public void setTopicPermissions(String vhost, String user, String exchange, String write, String read) {
        this.client
                .put()
                .uri("/topic-permissions/{vhost}/{user}", vhost, user)
                .body(Map.of("exchange", exchange, "write", write, "read", read))
                .retrieve()
                .toBodilessEntity();
    }

    /**
     * Imports definitions (exchanges, queues, bindings, policies...) into a virtual host, as {@code rabbitmqctl
     * import_definitions} does for a whole broker; the {@code vhost} of each definition is ignored.
     *
     * @param vhost the virtual host
     * @param definitions the definitions as JSON, in the management API's export format
     */
    public void importDefinitions(String vhost, String definitions) {
        this.client
                .post()
                .uri("/definitions/{vhost}", vhost)
                .contentType(MediaType.APPLICATION_JSON)
                .body(definitions)
                .retrieve()
                .toBodilessEntity();
    }

    /**
     * The definitions of a virtual host, as the management API exports them: {@code exchanges}, {@code queues}, {@code
     * bindings}, {@code policies}...
     *
     * @param vhost the virtual host
     * @return the definitions' JSON
     */
    public JsonNode definitions(String vhost) {
        return this.client.get().uri("/definitions/{vhost}", vhost).retrieve().body(JsonNode.class);
    }

    /**
     * The arguments a queue was declared with, as a client gave them: without the {@code x-queue-type: classic} that
     * RabbitMQ 4 records for a queue declared without any (RabbitMQ 3 records nothing).
     *
     * @param queue a queue as {@link #queue} shows it
     * @return the names of its arguments, other than a default queue type
     */
    public static List<String> declaredArguments(JsonNode queue) {
        List<String> names = new ArrayList<>();
        queue.path("arguments").propertyNames().forEach(name -> {
            if (!("x-queue-type".equals(name)
                    && "classic".equals(queue.path("arguments").path(name).asString()))) {
                names.add(name);
            }
        });
        return names;
    }

    /**
     * A queue as the management API shows it: {@code type}, {@code durable}, {@code arguments}, {@code messages}...
     *
     * @param vhost the virtual host
     * @param queue the queue
     * @return the queue's JSON
     */
    public JsonNode queue(String vhost, String queue) {
        return this.client
                .get()
                .uri("/queues/{vhost}/{queue}", vhost, queue)
                .retrieve()
                .body(JsonNode.class);
    }

    /**
     * Whether a queue exists.
     *
     * @param vhost the virtual host
     * @param queue the queue
     * @return {@code true} if it does
     */
    public boolean queueExists(String vhost, String queue) {
        return this.client
                .get()
                .uri("/queues/{vhost}/{queue}", vhost, queue)
                .retrieve()
                .onStatus(status -> status.value() == 404, (request, response) -> {})
                .toBodilessEntity()
                .getStatusCode()
                .is2xxSuccessful();
    }

    /**
     * The bindings of a queue, without the default exchange's.
     *
     * @param vhost the virtual host
     * @param queue the queue
     * @return each binding's JSON ({@code source}, {@code routing_key}, ...)
     */
    public List<JsonNode> bindings(String vhost, String queue) {
        JsonNode bindings = this.client
                .get()
                .uri("/queues/{vhost}/{queue}/bindings", vhost, queue)
                .retrieve()
                .body(JsonNode.class);
        List<JsonNode> result = new ArrayList<>();
        if (bindings != null) {
            bindings.forEach(binding -> {
                if (!binding.get("source").asString().isEmpty()) {
                    result.add(binding);
                }
            });
        }
        return result;
    }

    /**
     * Publishes a message through the management API, as a person does from the management UI.
     *
     * @param vhost the virtual host
     * @param exchange the exchange
     * @param routingKey the routing key
     * @param payload the body, as text
     * @return whether the broker routed it to a queue
     */
    public boolean publish(String vhost, String exchange, String routingKey, String payload) {
        JsonNode result = this.client
                .post()
                .uri("/exchanges/{vhost}/{exchange}/publish", vhost, exchange)
                .body(Map.of(
                        "properties",
                        Map.of("delivery_mode", 2),
                        "routing_key",
                        routingKey,
                        "payload",
                        payload,
                        "payload_encoding",
                        "string"))
                .retrieve()
                .body(JsonNode.class);
        return result != null && result.get("routed").asBoolean();
    }

    /**
     * The messages of a queue, left in it: each with {@code payload}, {@code routing_key} and {@code properties}
     * (with {@code headers}).
     *
     * @param vhost the virtual host
     * @param queue the queue
     * @param count how many messages at most
     * @return the messages' JSON
     */
    public List<JsonNode> peek(String vhost, String queue, int count) {
        JsonNode messages = this.client
                .post()
                .uri("/queues/{vhost}/{queue}/get", vhost, queue)
                .body(Map.of("count", count, "ackmode", "ack_requeue_true", "encoding", "auto"))
                .retrieve()
                .body(JsonNode.class);
        List<JsonNode> result = new ArrayList<>();
        if (messages != null) {
            messages.forEach(result::add);
        }
        return result;
    }

    /**
     * An exchange as the management API shows it.
     *
     * @param vhost the virtual host
     * @param exchange the exchange
     * @return the exchange's JSON
     */
    public JsonNode exchange(String vhost, String exchange) {
        return this.client
                .get()
                .uri("/exchanges/{vhost}/{exchange}", vhost, exchange)
                .retrieve()
                .body(JsonNode.class);
    }
}
