package com.example.hub.crm.creatio;

import java.net.URI;
import java.util.Map;
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

    /** Creates or replaces the order of this number, e.g. {@code {"Status":"Shipped","UsrPolicyNumber":"POL-1"}}. */
    public void putOrder(String number, String fieldsJson) {
        client.put()
                .uri("/orders/{number}", number)
                .contentType(MediaType.APPLICATION_JSON)
                .body(fieldsJson)
                .retrieve()
                .toBodilessEntity();
    }

    /** Gives the number to one more order (a new GUID), as a Creatio with duplicate numbers has them. */
    public void addOrder(String number) {
        post("/orders", JsonMapper.shared().writeValueAsString(Map.of("Number", number)));
    }

    /** Counts since the last reset: loginCalls, successfulLogins, odataCalls, failuresInjected, ... */
    public JsonNode stats() {
        return get("/stats");
    }

    /** How often fake Creatio's order of this number was patched since the last reset, whatever the fields. */
    public int patches(String number) {
        int patches = 0;
        for (JsonNode count : get("/patches").path("patches").path(number)) {
            patches += count.asInt();
        }
        return patches;
    }

    /**
     * The order of this number as fake Creatio stores it ({@code Id}, {@code Number}, {@code StatusId}, {@code
     * Status.Name}, {@code Comment}, the custom columns), read without logging in (not a Creatio call).
     */
    public Optional<JsonNode> order(String number) {
        for (JsonNode order : get("/orders").path("orders")) {
            if (number.equals(order.path("Number").asString())) {
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
