package com.example.hub.system.fault;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * Counts what became of the requests of a {@link HubLoad}, from outside: 1C's journal ({@code GET /requests/{id}}),
 * the DMS's users ({@code GET /users/{id}}) and fake-creatio's patch counts ({@code GET /test-control/patches}).
 */
final class JournalAudit {

    private static final Set<String> FINAL_STATES = Set.of("COMPLETED", "FAILED");

    private final FaultStack stack;

    JournalAudit(FaultStack stack) {
        this.stack = stack;
    }

    /**
     * Counts what became of the requests: their final states in the journal ({@link #drain}) and their effects.
     *
     * @param sent the requests
     * @param finals the journal's view of each request that has a final state, by request id
     */
    Tally count(List<SentRequest> sent, Map<String, JsonNode> finals) {
        Tally tally = new Tally();
        tally.sent = sent.size();
        Map<String, Map<String, Integer>> patches = patches();
        Map<URI, Http.Answer> users = Http.getAll(sent.stream()
                .filter(request -> request.accepted() && request.kind() == RequestKind.CREATE_USER)
                .map(this::userUri)
                .toList());
        for (SentRequest request : sent) {
            if (!request.accepted()) {
                continue;
            }
            tally.accepted++;
            JsonNode journal = finals.get(request.requestId());
            if (journal == null) {
                tally.undecided++;
                tally.finding("undecided: " + lastSeen(request.requestId()), request.requestId());
                continue;
            }
            String state = journal.path("state").asString();
            if ("COMPLETED".equals(state)) {
                tally.completed++;
            } else {
                tally.failed++;
                tally.finding(
                        "failed",
                        request.requestId() + " (" + request.kind() + "): "
                                + journal.path("reason").asString());
            }
            answers(request, journal, tally);
            if (request.kind() == RequestKind.CREATE_USER) {
                dmsUser(request, journal, state, users.get(userUri(request)), tally);
            } else {
                creatioOrder(request, state, patches.getOrDefault(request.subject(), Map.of()), tally);
            }
        }
        return tally;
    }

    /**
     * Waits until every accepted request has a final state, at most {@code drain}, or until no request has come to
     * one for {@code stall}.
     *
     * @return the journal's view of each request that came to a final state, by request id
     */
    Map<String, JsonNode> drain(List<SentRequest> sent, Duration drain, Duration stall) {
        Map<String, JsonNode> finals = new HashMap<>();
        Set<String> pending = new HashSet<>();
        sent.stream().filter(SentRequest::accepted).forEach(request -> pending.add(request.requestId()));
        long[] lastProgress = {System.nanoTime()};
        try {
            await().atMost(drain).pollInterval(Duration.ofSeconds(2)).until(() -> {
                Map<URI, String> uris = new HashMap<>();
                pending.forEach(requestId -> uris.put(requestUri(requestId), requestId));
                Http.getAll(uris.keySet()).forEach((uri, answer) -> {
                    if (answer.ok()
                            && FINAL_STATES.contains(answer.body().path("state").asString())) {
                        String requestId = uris.get(uri);
                        finals.put(requestId, answer.body());
                        pending.remove(requestId);
                        lastProgress[0] = System.nanoTime();
                    }
                });
                return pending.isEmpty() || System.nanoTime() - lastProgress[0] > stall.toNanos();
            });
        } catch (ConditionTimeoutException ex) {
            // counted as undecided
        }
        return finals;
    }

    private URI userUri(SentRequest request) {
        return this.stack.uri(FaultStack.DMS).resolve("/users/" + request.subject());
    }

    private URI requestUri(String requestId) {
        return this.stack.uri(FaultStack.ONEC).resolve("/requests/" + requestId);
    }

    private String lastSeen(String requestId) {
        Http.Answer answer = Http.get(requestUri(requestId));
        if (answer.status() == 404) {
            return "unknown to the 1C journal (404)";
        }
        if (!answer.ok()) {
            return "1C answered " + answer.status();
        }
        return "still " + answer.body().path("state").asString();
    }

    /** More than one distinct answer (message) in the journal is a request decided twice. */
    private static void answers(SentRequest request, JsonNode journal, Tally tally) {
        Set<String> messageIds = new HashSet<>();
        journal.path("responses")
                .forEach(response -> messageIds.add(response.path("message_id").asString()));
        if (messageIds.size() > 1) {
            tally.duplicates++;
            tally.finding(
                    "answered more than once", request.requestId() + ": " + messageIds.size() + " distinct answers");
        }
    }

    /** The DMS user of a completed create_user: the one the journal names, known to the DMS, exactly once. */
    private static void dmsUser(SentRequest request, JsonNode journal, String state, Http.Answer user, Tally tally) {
        Set<String> dmsUserIds = new HashSet<>();
        journal.path("responses").forEach(response -> {
            String id = response.path("payload").path("dms_user_id").asString("");
            if (!id.isEmpty()) {
                dmsUserIds.add(id);
            }
        });
        if (dmsUserIds.size() > 1) {
            tally.duplicates++;
            tally.finding("DMS user created twice", request.subject() + ": " + dmsUserIds);
            return;
        }
        if (!"COMPLETED".equals(state)) {
            return;
        }
        if (user.status() == 404) {
            tally.effectsMissing++;
            tally.finding("DMS does not know a user it created", request.subject() + " " + dmsUserIds);
        } else if (!user.ok()) {
            tally.effectsMissing++;
            tally.finding("DMS did not show the user", request.subject() + ": HTTP " + user.status());
        } else if (!dmsUserIds.contains(user.body().path("dms_user_id").asString())) {
            tally.duplicates++;
            tally.finding(
                    "DMS user created twice",
                    request.subject() + ": journal " + dmsUserIds + ", DMS "
                            + user.body().path("dms_user_id").asString());
        }
    }

    /**
     * A completed order update patched its order; no update patched the same fields of its order more than once (with
     * the policy look-up, the status and the policy may be patched apart).
     */
    private static void creatioOrder(SentRequest request, String state, Map<String, Integer> patched, Tally tally) {
        patched.forEach((fields, times) -> {
            if (times > 1) {
                tally.duplicates++;
                tally.finding(
                        "Creatio order patched more often than asked",
                        request.subject() + ": " + fields + " " + times + " times");
            }
        });
        if (patched.isEmpty() && "COMPLETED".equals(state)) {
            tally.effectsMissing++;
            tally.finding("completed, but the Creatio order was never patched", request.subject());
        }
    }

    /** fake-creatio's patch counts: by order id, by the fields patched. */
    private Map<String, Map<String, Integer>> patches() {
        Http.Answer answer = Http.get(this.stack.uri(FaultStack.CREATIO).resolve("/test-control/patches"));
        if (!answer.ok()) {
            throw new IllegalStateException("fake-creatio's patch counts are not available: HTTP " + answer.status());
        }
        Map<String, Map<String, Integer>> patches = new LinkedHashMap<>();
        answer.body().path("patches").properties().forEach(order -> {
            Map<String, Integer> byFields = new LinkedHashMap<>();
            order.getValue()
                    .properties()
                    .forEach(fields ->
                            byFields.put(fields.getKey(), fields.getValue().asInt()));
            patches.put(order.getKey(), byFields);
        });
        return patches;
    }
}
