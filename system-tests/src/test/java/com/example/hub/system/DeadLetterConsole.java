package com.example.hub.system;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The running stack's dead letters, read and acted on through the console's REST API ({@code hub-console},
 * {@code /dead-letters}): with the reader's key to read, the operator's to replay. The console consumes every
 * dead-letter queue, so this is where the tests find what the hub dead-lettered.
 */
final class DeadLetterConsole {

    /** How long a dead letter may take from its queue into the console's ledger. */
    private static final Duration INTO_THE_LEDGER = Duration.ofSeconds(20);

    private final RestClient reader;

    private final RestClient operator;

    DeadLetterConsole(LocalStack stack) {
        String baseUrl = "http://127.0.0.1:" + stack.port("CONSOLE_PORT");
        this.reader = RestClient.builder()
                .baseUrl(baseUrl)
                .defaultHeader(ApiKeys.HEADER, ApiKeys.READER)
                .build();
        this.operator = RestClient.builder()
                .baseUrl(baseUrl)
                .defaultHeader(ApiKeys.HEADER, ApiKeys.OPERATOR)
                .build();
    }

    /**
     * A page of the listing ({@code GET /dead-letters}), newest first: {@code items}, without headers and bodies, and
     * the {@code total}.
     *
     * @param filter the listing's filters, such as {@code request_id} or {@code queue}
     */
    JsonNode list(Map<String, String> filter) {
        return this.reader
                .get()
                .uri(builder -> {
                    builder.path("/dead-letters").queryParam("limit", 1000);
                    filter.forEach(builder::queryParam);
                    return builder.build();
                })
                .retrieve()
                .body(JsonNode.class);
    }

    /**
     * Waits until the listing with these filters has a dead letter, and shows the newest in full.
     *
     * @param filter the listing's filters
     * @return the dead letter with its headers and body ({@code GET /dead-letters/{id}})
     */
    JsonNode awaitOne(Map<String, String> filter) {
        JsonNode page = await().atMost(INTO_THE_LEDGER)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> list(filter), found -> found.get("total").asLong() > 0);
        return show(page.get("items").get(0).get("id").asLong());
    }

    /**
     * Waits until a dead letter of the listing with these filters has a body that contains a text, for messages
     * without a request id or message id of their own to filter by.
     *
     * @param filter the listing's filters
     * @param text what its body contains
     * @return the dead letter with its headers and body
     */
    JsonNode awaitWithBody(Map<String, String> filter, String text) {
        return await().atMost(INTO_THE_LEDGER)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> StreamSupport.stream(list(filter).get("items").spliterator(), false)
                                .map(item -> show(item.get("id").asLong()))
                                .filter(dead -> dead.path("body").isString()
                                        && dead.get("body").asString().contains(text))
                                .findFirst()
                                .orElse(null),
                        dead -> dead != null);
    }

    /** One dead letter with its headers and body. */
    JsonNode show(long id) {
        return this.reader.get().uri("/dead-letters/{id}", id).retrieve().body(JsonNode.class);
    }

    /** The groups of failures, with their counts ({@code GET /dead-letters/groups}). */
    JsonNode groups() {
        return this.reader.get().uri("/dead-letters/groups").retrieve().body(JsonNode.class);
    }

    /** The audit trail of one dead letter, newest first. */
    JsonNode audit(long deadLetterId) {
        return this.reader
                .get()
                .uri("/dead-letters/audit?dead_letter_id={id}", deadLetterId)
                .retrieve()
                .body(JsonNode.class);
    }

    /**
     * Replays the pending dead letters of a group, as the operator.
     *
     * @param group the group's key
     * @param note the operator's note
     * @return the answer, whatever its status
     */
    ResponseEntity<JsonNode> replayGroup(String group, String note) {
        return this.operator
                .post()
                .uri("/dead-letters/groups/{group}/replay", group)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("note", note))
                .retrieve()
                .onStatus(status -> true, (request, response) -> {})
                .toEntity(JsonNode.class);
    }

    /**
     * Replays one dead letter, as the operator, without confirming a replay of one replayed before.
     *
     * @param id the dead letter
     * @return the answer, whatever its status
     */
    ResponseEntity<JsonNode> replay(long id) {
        return this.operator
                .post()
                .uri("/dead-letters/{id}/replay", id)
                .retrieve()
                .onStatus(status -> true, (request, response) -> {})
                .toEntity(JsonNode.class);
    }
}
