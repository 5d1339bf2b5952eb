package com.example.hub.console.deadletter;

import static org.awaitility.Awaitility.await;

import com.example.hub.testsupport.security.TestApiKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The console's REST API over real HTTP, as a client with one API key. */
final class ConsoleApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient client;

    private final @Nullable String key;

    ConsoleApi(int port, @Nullable String key) {
        this.client = RestClient.create("http://localhost:" + port);
        this.key = key;
    }

    Reply get(String path) {
        return exchange(HttpMethod.GET, path, null);
    }

    String getText(String path) {
        RestClient.RequestHeadersSpec<?> request = this.client.get().uri(path);
        if (this.key != null) {
            request = request.header(TestApiKeys.HEADER, this.key);
        }
        return request.retrieve().body(String.class);
    }

    /**
     * Waits until the console has stored the dead letter of a message (one, found by its message id) and returns it.
     *
     * @param messageId its message id
     * @param timeout how long to wait
     * @return the stored dead letter, as the list of dead letters shows it
     */
    JsonNode awaitDeadLetter(String messageId, Duration timeout) {
        return await().atMost(timeout)
                .until(
                        () -> get("/dead-letters?message_id=" + messageId).body(),
                        page -> page.path("total").asLong() == 1)
                .path("items")
                .get(0);
    }

    Reply post(String path, @Nullable String jsonBody) {
        return exchange(HttpMethod.POST, path, jsonBody);
    }

    private Reply exchange(HttpMethod method, String path, @Nullable String jsonBody) {
        RestClient.RequestBodySpec request = this.client.method(method).uri(path);
        if (this.key != null) {
            request = request.header(TestApiKeys.HEADER, this.key);
        }
        if (jsonBody != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(jsonBody);
        }
        return request.exchange((req, response) -> {
            String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            MediaType contentType = response.getHeaders().getContentType();
            return new Reply(
                    response.getStatusCode().value(),
                    contentType != null ? contentType.toString() : "",
                    body.startsWith("{") || body.startsWith("[") ? JSON.readTree(body) : JSON.missingNode());
        });
    }

    /**
     * An answer.
     *
     * @param status its status
     * @param contentType its content type
     * @param body its JSON body, a missing node for none
     */
    record Reply(int status, String contentType, JsonNode body) {}
}
