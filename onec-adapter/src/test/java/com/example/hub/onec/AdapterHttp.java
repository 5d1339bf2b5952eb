package com.example.hub.onec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.client.RestClient;

/**
 * The adapter's HTTP interface, as 1C and an operator use it.
 *
 * @param http a client of the adapter
 */
record AdapterHttp(RestClient http) {

    static AdapterHttp at(int port) {
        return new AdapterHttp(HttpReply.client(port));
    }

    HttpReply post(String path, String json) {
        return HttpReply.post(this.http, path, json);
    }

    HttpReply get(String path) {
        return HttpReply.get(this.http, path);
    }

    /** Waits until the journal shows a request in a state, and shows it. */
    HttpReply awaitState(String requestId, String state) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(get("/requests/" + requestId).text("state")).isEqualTo(state));
        return get("/requests/" + requestId);
    }

    /** The request ids of the newest 1,000 unmatched responses. */
    List<String> unmatchedRequestIds() {
        List<String> ids = new ArrayList<>();
        get("/responses/unmatched?limit=1000")
                .body()
                .forEach(response -> ids.add(response.get("request_id").asString()));
        return ids;
    }
}
