package com.example.hub.onec;

import com.example.hub.testsupport.security.TestApiKeys;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP answer of the adapter, whatever its status, with its body as JSON.
 *
 * @param status the status
 * @param headers the headers
 * @param body the body, a missing node when there is none
 */
record HttpReply(HttpStatusCode status, HttpHeaders headers, JsonNode body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A client of an adapter listening on a port, with 1C's API key.
     *
     * @param port the port
     * @return the client
     */
    static RestClient client(int port) {
        return client(port, TestApiKeys.ONEC_KEY);
    }

    /**
     * A client of an adapter listening on a port, with an API key.
     *
     * @param port the port
     * @param apiKey the key sent in {@code X-API-Key}, or {@code null} for none
     * @return the client
     */
    static RestClient client(int port, @Nullable String apiKey) {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://localhost:" + port);
        if (apiKey != null) {
            builder.defaultHeader(TestApiKeys.HEADER, apiKey);
        }
        return builder.build();
    }

    static HttpReply post(RestClient client, String path, String json) {
        return client.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange(
                        (request, response) -> of(response.getStatusCode(), response.getHeaders(), response.getBody()));
    }

    static HttpReply get(RestClient client, String path) {
        return client.get()
                .uri(path)
                .exchange(
                        (request, response) -> of(response.getStatusCode(), response.getHeaders(), response.getBody()));
    }

    static HttpReply of(HttpStatusCode status, HttpHeaders headers, InputStream body) throws IOException {
        byte[] bytes = body.readAllBytes();
        return new HttpReply(status, headers, bytes.length == 0 ? JSON.missingNode() : JSON.readTree(bytes));
    }

    /**
     * A text field of the body.
     *
     * @param field the field
     * @return its value, or {@code null}
     */
    String text(String field) {
        JsonNode value = this.body.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
