package com.example.hub.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the 1C adapter's journal recorded for each request, over its API ({@code GET /requests/{id}}): the state,
 * {@code received_at} (when the HTTP request arrived), {@code created_at}, {@code completed_at} (when the deciding
 * response was received) and each response's {@code received_at}. Read after a point's load has ended, so the reads
 * are not part of what was measured.
 */
final class HubJournalClient {

    private static final int CONCURRENCY = 16;

    private final String baseUrl;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final JsonMapper json = new JsonMapper();

    HubJournalClient(String baseUrl) {
        LoadGenerator.requireLoopback(baseUrl);
        this.baseUrl = baseUrl;
    }

    /**
     * Reads the journal's entries of requests, reading again those not yet decided until all are or the deadline
     * passed.
     *
     * @param requestIds the requests
     * @param deadline when to stop waiting for undecided requests
     * @return the entries found, by request id
     */
    Map<String, Entry> collect(Collection<String> requestIds, Instant deadline) throws InterruptedException {
        Map<String, Entry> entries = new ConcurrentHashMap<>();
        List<String> pending = new ArrayList<>(requestIds);
        while (true) {
            readAll(pending, entries);
            pending = pending.stream()
                    .filter(id -> entries.get(id) == null || !entries.get(id).decided())
                    .toList();
            if (pending.isEmpty() || Instant.now().isAfter(deadline)) {
                return entries;
            }
            Thread.sleep(500);
        }
    }

    private void readAll(List<String> requestIds, Map<String, Entry> entries) throws InterruptedException {
        Semaphore permits = new Semaphore(CONCURRENCY);
        CountDownLatch done = new CountDownLatch(requestIds.size());
        for (String requestId : requestIds) {
            permits.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                            this.baseUrl + "/requests/" + URLEncoder.encode(requestId, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(30))
                    .header(ApiKey.HEADER, ApiKey.VALUE)
                    .GET()
                    .build();
            this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                try {
                    if (response != null && response.statusCode() == 200) {
                        entries.put(requestId, entry(this.json.readTree(response.body())));
                    }
                } finally {
                    permits.release();
                    done.countDown();
                }
            });
        }
        done.await(5, TimeUnit.MINUTES);
    }

    private static Entry entry(JsonNode node) {
        long firstResponse = 0;
        for (JsonNode response : node.path("responses")) {
            long receivedAt = micros(response.path("received_at"));
            if (receivedAt > 0 && (firstResponse == 0 || receivedAt < firstResponse)) {
                firstResponse = receivedAt;
            }
        }
        return new Entry(
                node.path("state").asString(),
                micros(node.path("created_at")),
                micros(node.path("received_at")),
                micros(node.path("completed_at")),
                firstResponse);
    }

    private static long micros(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return 0;
        }
        Instant instant = Instant.parse(value.asString());
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    /**
     * A request as the journal recorded it; times in microseconds since the epoch (recorded to the millisecond), 0
     * when not recorded.
     *
     * @param state PUBLISHING, NOT_SENT, ACCEPTED, COMPLETED or FAILED
     * @param createdAt when the journal recorded the request
     * @param receivedAt when its HTTP request arrived
     * @param completedAt when the deciding response was received
     * @param firstResponseAt when the first response was received
     */
    record Entry(String state, long createdAt, long receivedAt, long completedAt, long firstResponseAt) {

        boolean decided() {
            return "COMPLETED".equals(this.state) || "FAILED".equals(this.state);
        }
    }
}
