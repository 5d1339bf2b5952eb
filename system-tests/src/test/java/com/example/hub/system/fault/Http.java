package com.example.hub.system.fault;

import com.example.hub.system.ApiKeys;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP calls of the fault suite: JSON in and out, a status of -1 when there was no answer; reads with the
 * operator's API key, posts with 1C's.
 */
final class Http {

    static final JsonMapper JSON = JsonMapper.shared();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private static final int PARALLEL_GETS = 8;

    private Http() {}

    /** An answer: its status (-1: none) and its body as JSON, {@code null} when it has none or is not JSON. */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return this.status >= 200 && this.status < 300;
        }
    }

    static Answer get(URI uri) {
        return send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header(ApiKeys.HEADER, ApiKeys.OPERATOR)
                .GET()
                .build());
    }

    /**
     * GETs many URIs, a few at a time.
     *
     * @param uris the URIs
     * @return each URI's answer
     */
    static Map<URI, Answer> getAll(Collection<URI> uris) {
        Semaphore permits = new Semaphore(PARALLEL_GETS);
        Map<URI, Answer> answers = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (URI uri : uris) {
            permits.acquireUninterruptibly();
            calls.add(CLIENT.sendAsync(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(20))
                                    .header(ApiKeys.HEADER, ApiKeys.OPERATOR)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new Answer(response.statusCode(), parse(response.body())))
                    .exceptionally(failure -> new Answer(-1, null))
                    .thenAccept(answer -> {
                        answers.put(uri, answer);
                        permits.release();
                    }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        return answers;
    }

    static CompletableFuture<Answer> postAsync(URI uri, Object body, Duration timeout) {
        return postAsyncOrRefused(uri, body, timeout)
                .thenApply(answer -> answer.status() == REFUSED ? new Answer(-1, null) : answer);
    }

    /** The status of {@link #postAsyncOrRefused} when nothing accepted the connection: the request never left. */
    static final int REFUSED = -2;

    /**
     * As {@link #postAsync}, but tells a request that never reached the server (its connection refused or failed,
     * status {@link #REFUSED}) from one that got no answer (-1), which the server may have acted on.
     */
    static CompletableFuture<Answer> postAsyncOrRefused(URI uri, Object body, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(ApiKeys.HEADER, ApiKeys.ONEC)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(), parse(response.body())))
                .exceptionally(failure -> new Answer(refused(failure) ? REFUSED : -1, null));
    }

    private static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()));
        } catch (IOException ex) {
            return new Answer(-1, null);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
