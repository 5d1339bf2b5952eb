package com.example.hub.crm.creatio;

import java.net.URI;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives fake Creatio's {@code /test-control} endpoints (see fake-creatio/README.md). */
public final class FakeCreatioControls {

    private final RestClient client;

    public FakeCreatioControls(URI baseUrl) {
        this.client = RestClient.builder().baseUrl(baseUrl + "/test-control").build();
    }

    public void reset() {
        client.post().uri("/reset").retrieve().toBodilessEntity();
    }

    public void failNext(int count, int status, String target) {
        post("/failures", "{\"count\":" + count + ",\"status\":" + status + ",\"target\":\"" + target + "\"}");
    }

    public void latency(long millis) {
        post("/latency", "{\"millis\":" + millis + "}");
    }

    public void expireSessions() {
        post("/expire-sessions", "{}");
    }

    public void putOrder(String id, String fieldsJson) {
        client.put()
                .uri("/orders/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(fieldsJson)
                .retrieve()
                .toBodilessEntity();
    }

    /** Counts since the last reset: loginCalls, successfulLogins, odataCalls, failuresInjected, ... */
    public JsonNode stats() {
        return get("/stats");
    }

    /** How often fake Creatio's order was patched since the last reset, whatever the fields. */
    public int patches(String id) {
        int patches = 0;
        for (JsonNode count : get("/patches").path("patches").path(id)) {
            patches += count.asInt();
        }
        return patches;
    }

    /** The order as fake Creatio stores it, read without logging in (so it does not count as a Creatio call). */
    public Optional<JsonNode> order(String id) {
        for (JsonNode order : get("/orders").path("orders")) {
            if (id.equals(order.path("Id").asString())) {
                return Optional.of(order);
            }
        }
        return Optional.empty();
    }

    private JsonNode get(String path) {
        return JsonMapper.shared().readTree(client.get().uri(path).retrieve().body(String.class));
    }

    private void post(String path, String json) {
        client.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .retrieve()
                .toBodilessEntity();
    }
}
