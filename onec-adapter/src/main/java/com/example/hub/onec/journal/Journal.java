package com.example.hub.onec.journal;

import com.example.hub.messaging.store.GroupCommit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journal of 1C's requests and of the responses that came back, in the {@code requests} and {@code responses}
 * tables, with every attempt to send a request in {@code request_attempts}. Every change of a request's state is a
 * conditional update, so that concurrent attempts and responses never overwrite each other's outcome. Timestamps are
 * kept to the millisecond. Every change returns once committed; changes made at the same time are committed together
 * ({@link GroupCommit}), each as if alone.
 */
@Repository
public class Journal {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private static final String REQUEST_COLUMNS = "request_id, target, message_type, payload, body_hash, state, reason,"
            + " message_id, created_at, updated_at, received_at, completed_at, attempts, next_attempt_at, last_failure,"
            + " attempt, submitted_by";

    private static final String RESPONSE_COLUMNS =
            "message_id, request_id, source_system, message_type, payload, received_at, deciding, attempt";

    private final JdbcClient jdbc;

    private final JsonMapper jsonMapper;

    private final GroupCommit commits;

    Journal(JdbcClient jdbc, JsonMapper jsonMapper, GroupCommit commits) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
        this.commits = commits;
    }

    /**
     * Records a new request as {@link RequestState#PUBLISHING}, in its first attempt, unless its request id is already
     * known.
     *
     * @param submission the request
     * @return {@code true} if it was recorded, {@code false} if the request id was already taken
     */
    public boolean tryStart(Submission submission) {
        return this.commits.commit(() -> start(submission));
    }

    private boolean start(Submission submission) {
        Instant now = now();
        boolean started = this.jdbc
                        .sql("INSERT INTO requests (" + REQUEST_COLUMNS + ") VALUES (:requestId, :target,"
                                + " :messageType, :payload, :bodyHash, 'PUBLISHING', NULL, :messageId, :now, :now,"
                                + " :receivedAt, NULL, NULL, NULL, NULL, 1, :submittedBy) ON CONFLICT DO NOTHING")
                        .params(submissionParams(submission, now))
                        .update()
                > 0;
        if (started) {
            insertAttempt(submission);
        }
        return started;
    }

    /**
     * Takes a known request over for its next attempt, with the submitted body, if it is still as it was read: in the
     * given state and unchanged since. The attempt starts fresh: no outcome, no retry of the target system.
     *
     * @param submission the request as now submitted, with the attempt that follows the expected one
     * @param expected the request as it was read
     * @return {@code true} if this attempt took it over and is now to publish it
     */
    public boolean tryRestart(Submission submission, JournalRequest expected) {
        return this.commits.commit(() -> restart(submission, expected));
    }

    private boolean restart(Submission submission, JournalRequest expected) {
        boolean restarted = this.jdbc
                        .sql("UPDATE requests SET target = :target, message_type = :messageType, payload = :payload,"
                                + " body_hash = :bodyHash, state = 'PUBLISHING', reason = NULL,"
                                + " message_id = :messageId, updated_at = :now, received_at = :receivedAt,"
                                + " completed_at = NULL, attempts = NULL, next_attempt_at = NULL, last_failure = NULL,"
                                + " attempt = :attempt, submitted_by = :submittedBy WHERE request_id = :requestId AND state = :state"
                                + " AND updated_at = :updatedAt AND attempt = :previous")
                        .params(submissionParams(submission, now()))
                        .param("attempt", submission.attempt())
                        .param("state", expected.state().name())
                        .param("updatedAt", timestamp(expected.updatedAt()))
                        .param("previous", expected.attempt())
                        .update()
                > 0;
        if (restarted) {
            this.jdbc
                    .sql("UPDATE request_attempts SET reason = :reason WHERE request_id = :requestId"
                            + " AND attempt = :previous AND state = 'PUBLISHING'")
                    .param(
                            "reason",
                            expected.messageId() != null && expected.messageId().equals(submission.messageId())
                                    ? "Superseded by attempt " + submission.attempt()
                                            + ", the same message published again, before the broker confirmed it"
                                    : "Superseded by attempt " + submission.attempt()
                                            + " before the broker confirmed it")
                    .param("requestId", submission.requestId())
                    .param("previous", expected.attempt())
                    .update();
            insertAttempt(submission);
        }
        return restarted;
    }

    /** The parameters of a request as submitted, for its row in {@code requests}, changed at {@code now}. */
    private Map<String, @Nullable Object> submissionParams(Submission submission, Instant now) {
        Map<String, @Nullable Object> params = new HashMap<>();
        params.put("requestId", submission.requestId());
        params.put("target", submission.target());
        params.put("messageType", submission.messageType());
        params.put("payload", json(submission.payload()));
        params.put("bodyHash", submission.bodyHash());
        params.put("messageId", submission.messageId());
        params.put("now", timestamp(now));
        params.put("receivedAt", timestamp(submission.receivedAt()));
        params.put("submittedBy", submission.submittedBy());
        return params;
    }

    private void insertAttempt(Submission submission) {
        this.jdbc
                .sql("INSERT INTO request_attempts (request_id, attempt, message_id, state, reason, received_at,"
                        + " completed_at, trace_id) VALUES (:requestId, :attempt, :messageId, 'PUBLISHING', NULL,"
                        + " :receivedAt, NULL, :traceId)")
                .param("requestId", submission.requestId())
                .param("attempt", submission.attempt())
                .param("messageId", submission.messageId())
                .param("receivedAt", timestamp(submission.receivedAt()))
                .param("traceId", submission.traceId(), Types.VARCHAR)
                .update();
    }

    /**
     * Marks an attempt of a request as {@link RequestState#ACCEPTED} once the broker confirmed it, and the request
     * too unless a response already decided its outcome.
     *
     * @param requestId the request
     * @param attempt the attempt
     */
    public void markAccepted(String requestId, int attempt) {
        this.commits.commit(() -> leavePublishing(requestId, attempt, RequestState.ACCEPTED, null));
    }

    /**
     * Marks an attempt of a request, and the request, as {@link RequestState#NOT_SENT}: its publishing failed, a
     * retry publishes it again.
     *
     * @param requestId the request
     * @param attempt the attempt
     * @param reason why publishing failed
     */
    public void markNotSent(String requestId, int attempt, String reason) {
        this.commits.commit(() -> leavePublishing(requestId, attempt, RequestState.NOT_SENT, reason));
    }

    private @Nullable Void leavePublishing(String requestId, int attempt, RequestState state, @Nullable String reason) {
        this.jdbc
                .sql("UPDATE request_attempts SET state = :state, reason = :reason WHERE request_id = :requestId"
                        + " AND attempt = :attempt AND state = 'PUBLISHING'")
                .param("state", state.name())
                .param("reason", reason)
                .param("requestId", requestId)
                .param("attempt", attempt)
                .update();
        this.jdbc
                .sql("UPDATE requests SET state = :state, reason = :reason, updated_at = :now"
                        + " WHERE request_id = :requestId AND attempt = :attempt AND state = 'PUBLISHING'")
                .param("state", state.name())
                .param("reason", reason)
                .param("now", timestamp(now()))
                .param("requestId", requestId)
                .param("attempt", attempt)
                .update();
        return null;
    }

    /**
     * Records a response once, however often it is delivered, against the attempt it answers (the one it names, else
     * the request's current one; the current one also when it was published as the same message as the named one). The first answer to an attempt decides it, and a successful answer after a failed one
     * decides it anew (a replayed dead letter); other answers are repeats. A successful answer to any attempt completes
     * the request, even one that failed; a failure fails the request only when it answers its current attempt and no
     * answer completed the request before.
     *
     * @param response the response
     * @param outcome the state it gives its attempt, {@link RequestState#COMPLETED} or {@link RequestState#FAILED}
     * @param reason the reason of a failure, or {@code null}
     * @return what the journal did with it
     */
    public ResponseRecording record(JournalResponse response, RequestState outcome, @Nullable String reason) {
        return this.commits.commit(() -> recordOnce(response, outcome, reason));
    }

    private ResponseRecording recordOnce(JournalResponse response, RequestState outcome, @Nullable String reason) {
        Integer current = currentAttempt(response.requestId());
        Integer attempt = current == null
                ? null
                : response.attempt() != null && response.attempt() >= 1 && response.attempt() <= current
                        ? answeredAttempt(response.requestId(), response.attempt(), current)
                        : current;
        boolean inserted = this.jdbc
                        .sql("INSERT INTO responses (" + RESPONSE_COLUMNS + ") VALUES (:messageId, :requestId,"
                                + " :sourceSystem, :messageType, :payload, :receivedAt, FALSE, :attempt)"
                                + " ON CONFLICT DO NOTHING")
                        .param("messageId", response.messageId())
                        .param("requestId", response.requestId())
                        .param("sourceSystem", response.sourceSystem())
                        .param("messageType", response.messageType())
                        .param("payload", json(response.payload()))
                        .param("receivedAt", timestamp(response.receivedAt()))
                        .param("attempt", attempt, Types.INTEGER)
                        .update()
                > 0;
        if (current == null) {
            return new ResponseRecording(!inserted, null, null);
        }
        if (!inserted) {
            // a redelivery: it answers the attempt it was recorded against the first time
            attempt = this.jdbc
                    .sql("SELECT attempt FROM responses WHERE message_id = :messageId")
                    .param("messageId", response.messageId())
                    .query(Integer.class)
                    .optional()
                    .orElse(current);
        }
        // Also for a redelivered response: the first delivery may have been recorded without deciding the outcome.
        boolean deciding = this.jdbc
                        .sql("UPDATE request_attempts SET state = :state, reason = :reason, completed_at = :receivedAt"
                                + " WHERE request_id = :requestId AND attempt = :attempt"
                                + (outcome == RequestState.COMPLETED
                                        ? " AND state IN ('PUBLISHING', 'NOT_SENT', 'ACCEPTED', 'FAILED')"
                                        : " AND state IN ('PUBLISHING', 'NOT_SENT', 'ACCEPTED')"))
                        .param("state", outcome.name())
                        .param("reason", reason)
                        .param("receivedAt", timestamp(response.receivedAt()))
                        .param("requestId", response.requestId())
                        .param("attempt", attempt)
                        .update()
                > 0;
        Duration decidedAfter = null;
        if (deciding) {
            this.jdbc
                    .sql("UPDATE responses SET deciding = TRUE, attempt = :attempt WHERE message_id = :messageId")
                    .param("attempt", attempt)
                    .param("messageId", response.messageId())
                    .update();
            if (decideRequest(response, attempt, outcome, reason)) {
                decidedAfter = this.jdbc
                        .sql("SELECT received_at FROM request_attempts WHERE request_id = :requestId"
                                + " AND attempt = :attempt")
                        .param("requestId", response.requestId())
                        .param("attempt", attempt)
                        .query((rs, row) -> Duration.between(instant(rs, "received_at"), response.receivedAt()))
                        .optional()
                        .orElse(null);
            }
        }
        RequestState requestState = this.jdbc
                .sql("SELECT state FROM requests WHERE request_id = :requestId")
                .param("requestId", response.requestId())
                .query((rs, row) -> RequestState.valueOf(rs.getString("state")))
                .optional()
                .orElse(null);
        return new ResponseRecording(!inserted, requestState, decidedAfter);
    }

    /**
     * The attempt an answer naming an attempt of a request counts for: the request's current attempt when that one
     * was published as the same message as the named one (it took over an attempt whose publishing had an unknown
     * outcome, and the target system answered the message once), else the named attempt.
     */
    private int answeredAttempt(String requestId, int named, int current) {
        if (named == current) {
            return named;
        }
        boolean sameMessage = this.jdbc
                        .sql("SELECT COUNT(*) FROM request_attempts c JOIN request_attempts n"
                                + " ON n.request_id = c.request_id AND n.message_id = c.message_id"
                                + " WHERE c.request_id = :requestId AND c.attempt = :current AND n.attempt = :named")
                        .param("requestId", requestId)
                        .param("current", current)
                        .param("named", named)
                        .query(Integer.class)
                        .single()
                > 0;
        return sameMessage ? current : named;
    }

    /** Decides the request by an answer to one of its attempts, if it still may be; whether it did. */
    private boolean decideRequest(
            JournalResponse response, int attempt, RequestState outcome, @Nullable String reason) {
        String decidable = outcome == RequestState.COMPLETED
                ? " AND state IN ('PUBLISHING', 'NOT_SENT', 'ACCEPTED', 'FAILED')"
                : " AND state IN ('PUBLISHING', 'NOT_SENT', 'ACCEPTED') AND attempt = :attempt";
        return this.jdbc
                        .sql("UPDATE requests SET state = :state, reason = :reason, completed_at = :receivedAt,"
                                + " next_attempt_at = NULL, updated_at = :now WHERE request_id = :requestId"
                                + decidable)
                        .param("state", outcome.name())
                        .param("reason", reason)
                        .param("receivedAt", timestamp(response.receivedAt()))
                        .param("now", timestamp(now()))
                        .param("requestId", response.requestId())
                        .param("attempt", attempt)
                        .update()
                > 0;
    }

    private @Nullable Integer currentAttempt(String requestId) {
        return this.jdbc
                .sql("SELECT attempt FROM requests WHERE request_id = :requestId")
                .param("requestId", requestId)
                .query(Integer.class)
                .optional()
                .orElse(null);
    }

    /**
     * Records that the target system failed to process a request for a reason that may go away and tries it again
     * later, unless the request was decided meanwhile, the notice is about an earlier attempt, or a later notice was
     * recorded before.
     *
     * @param requestId the request
     * @param attempt the attempt of the request the notice is about, or {@code null} when it does not say
     * @param attempts how often the target system tried it so far
     * @param nextAttemptAt when it tries again
     * @param lastFailure why the last attempt failed
     * @return whether the journal recorded it
     */
    public boolean recordRetryScheduled(
            String requestId, @Nullable Integer attempt, int attempts, Instant nextAttemptAt, String lastFailure) {
        return this.commits.commit(() -> scheduleRetry(requestId, attempt, attempts, nextAttemptAt, lastFailure));
    }

    private boolean scheduleRetry(
            String requestId, @Nullable Integer attempt, int attempts, Instant nextAttemptAt, String lastFailure) {
        return this.jdbc
                        .sql("UPDATE requests SET attempts = :attempts, next_attempt_at = :nextAttemptAt,"
                                + " last_failure = :lastFailure, updated_at = :now WHERE request_id = :requestId"
                                + " AND state IN ('PUBLISHING', 'NOT_SENT', 'ACCEPTED')"
                                + " AND (attempts IS NULL OR attempts < :attempts)"
                                + (attempt != null
                                        ? " AND (attempt = :attempt OR message_id = (SELECT message_id FROM"
                                                + " request_attempts WHERE request_id = :requestId"
                                                + " AND attempt = :attempt))"
                                        : ""))
                        .param("attempts", attempts)
                        .param("nextAttemptAt", timestamp(nextAttemptAt))
                        .param("lastFailure", lastFailure)
                        .param("now", timestamp(now()))
                        .param("requestId", requestId)
                        .param("attempt", attempt, Types.INTEGER)
                        .update()
                > 0;
    }

    /**
     * A request with its current state.
     *
     * @param requestId the request id
     * @return the request, if the journal knows it
     */
    public Optional<JournalRequest> find(String requestId) {
        return this.jdbc
                .sql("SELECT " + REQUEST_COLUMNS + " FROM requests WHERE request_id = :requestId")
                .param("requestId", requestId)
                .query(this::request)
                .optional();
    }

    /**
     * A page of the requests, newest first.
     *
     * @param limit how many at most
     * @param after where the previous page ended, or {@code null} for the first page
     * @return the requests
     */
    public List<JournalRequest> requests(int limit, @Nullable PageKey after) {
        return this.jdbc
                .sql("SELECT " + REQUEST_COLUMNS + " FROM requests"
                        + (after != null ? " WHERE created_at < :at OR (created_at = :at AND request_id < :key)" : "")
                        + " ORDER BY created_at DESC, request_id DESC LIMIT :limit")
                .params(pageParams(limit, after))
                .query(this::request)
                .list();
    }

    /**
     * The attempts of a request, in order.
     *
     * @param requestId the request id
     * @return its attempts
     */
    public List<JournalAttempt> attemptsOf(String requestId) {
        return this.jdbc
                .sql(
                        "SELECT attempt, message_id, state, reason, received_at, completed_at, trace_id FROM request_attempts"
                                + " WHERE request_id = :requestId ORDER BY attempt")
                .param("requestId", requestId)
                .query((rs, row) -> new JournalAttempt(
                        rs.getInt("attempt"),
                        rs.getString("message_id"),
                        RequestState.valueOf(rs.getString("state")),
                        rs.getString("reason"),
                        instant(rs, "received_at"),
                        instant(rs, "completed_at"),
                        rs.getString("trace_id")))
                .list();
    }

    /**
     * The responses recorded for a request id, in the order they arrived.
     *
     * @param requestId the request id
     * @return the responses
     */
    public List<JournalResponse> responsesOf(String requestId) {
        return this.jdbc
                .sql("SELECT " + RESPONSE_COLUMNS + " FROM responses WHERE request_id = :requestId"
                        + " ORDER BY received_at, id")
                .param("requestId", requestId)
                .query(this::response)
                .list();
    }

    /**
     * A page of the responses whose request id the journal does not know, newest first.
     *
     * @param limit how many at most
     * @param after where the previous page ended, or {@code null} for the first page
     * @return the responses
     */
    public List<JournalResponse> unmatchedResponses(int limit, @Nullable PageKey after) {
        return this.jdbc
                .sql("SELECT r.message_id, r.request_id, r.source_system, r.message_type, r.payload, r.received_at,"
                        + " r.deciding, r.attempt FROM responses r LEFT JOIN requests q"
                        + " ON q.request_id = r.request_id WHERE q.request_id IS NULL"
                        + (after != null
                                ? " AND (r.received_at < :at OR (r.received_at = :at AND r.message_id < :key))"
                                : "")
                        + " ORDER BY r.received_at DESC, r.message_id DESC LIMIT :limit")
                .params(pageParams(limit, after))
                .query(this::response)
                .list();
    }

    private static Map<String, Object> pageParams(int limit, @Nullable PageKey after) {
        Map<String, Object> params = new HashMap<>();
        params.put("limit", limit);
        if (after != null) {
            params.put("at", timestamp(after.at()));
            params.put("key", after.key());
        }
        return params;
    }

    /**
     * Deletes responses received before a time, at most a batch of them, oldest first. Their requests keep their
     * state, attempts and outcome.
     *
     * @param before the time
     * @param batchSize how many at most
     * @return how many were deleted
     */
    public int deleteResponsesReceivedBefore(Instant before, int batchSize) {
        return this.jdbc
                .sql("DELETE FROM responses WHERE id IN (SELECT id FROM responses WHERE received_at < :before"
                        + " ORDER BY received_at LIMIT :batchSize)")
                .param("before", timestamp(before))
                .param("batchSize", batchSize)
                .update();
    }

    private JournalRequest request(ResultSet rs, int row) throws SQLException {
        return new JournalRequest(
                rs.getString("request_id"),
                rs.getString("target"),
                rs.getString("message_type"),
                map(rs.getString("payload")),
                rs.getString("body_hash"),
                RequestState.valueOf(rs.getString("state")),
                rs.getString("reason"),
                rs.getString("message_id"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "received_at"),
                instant(rs, "completed_at"),
                rs.getObject("attempts", Integer.class),
                instant(rs, "next_attempt_at"),
                rs.getString("last_failure"),
                rs.getInt("attempt"),
                rs.getString("submitted_by"));
    }

    private JournalResponse response(ResultSet rs, int row) throws SQLException {
        return new JournalResponse(
                rs.getString("message_id"),
                rs.getString("request_id"),
                rs.getString("source_system"),
                rs.getString("message_type"),
                map(rs.getString("payload")),
                instant(rs, "received_at"),
                rs.getBoolean("deciding"),
                rs.getObject("attempt", Integer.class));
    }

    private String json(Map<String, Object> payload) {
        return this.jsonMapper.writeValueAsString(payload);
    }

    private Map<String, Object> map(String json) {
        return this.jsonMapper.readValue(json, MAP);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value != null ? value.toInstant() : null;
    }

    private static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
        return instant != null ? instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC) : null;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * What the journal did with a response.
     *
     * @param duplicate whether it had been recorded before (a redelivery)
     * @param requestState the state of its request afterwards, or {@code null} when the journal does not know the
     *     request
     * @param decidedAfter when it decided its request: how long after the HTTP request of the attempt it answered; else
     *     {@code null}
     */
    public record ResponseRecording(
            boolean duplicate,
            @Nullable RequestState requestState,
            @Nullable Duration decidedAfter) {}

    /**
     * How many requests the journal holds in each state.
     *
     * @return the count of each state that has requests
     */
    public Map<RequestState, Long> countByState() {
        Map<RequestState, Long> counts = new EnumMap<>(RequestState.class);
        this.jdbc
                .sql("SELECT state, COUNT(*) AS requests FROM requests GROUP BY state")
                .query(rs -> {
                    counts.put(RequestState.valueOf(rs.getString("state")), rs.getLong("requests"));
                });
        return counts;
    }
}
