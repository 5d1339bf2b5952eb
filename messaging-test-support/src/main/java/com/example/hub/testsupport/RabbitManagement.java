package com.example.hub.testsupport;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * A small client of RabbitMQ's management HTTP API, for setting up virtual hosts and for asserting on what the broker
 * holds: queues with their arguments, bindings, message counts.
 */
public final class RabbitManagement {

    private final RestClient client;

    RabbitManagement(URI baseUri, String username, String password) {
        this.client = RestClient.builder()
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

    void deleteVirtualHost(String vhost) {
        this.client
                .delete()
                .uri("/vhosts/{vhost}", vhost)
                .retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {})
                .toBodilessEntity();
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
