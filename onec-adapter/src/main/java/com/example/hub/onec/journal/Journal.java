package com.example.hub.onec.journal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journal of 1C's requests and of the responses that came back, in the {@code requests} and {@code responses}
 * tables. Every change of a request's state is a conditional update, so that concurrent attempts and responses never
 * overwrite each other's outcome. Timestamps are kept to the millisecond.
 */
@Repository
public class Journal {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private static final String REQUEST_COLUMNS = "request_id, target, message_type, payload, body_hash, state, reason,"
            + " message_id, created_at, updated_at, accepted_at, completed_at, attempts, next_attempt_at, last_failure";

    private static final String RESPONSE_COLUMNS =
            "message_id, request_id, source_system, message_type, payload, received_at, deciding";

    private final JdbcClient jdbc;

    private final JsonMapper jsonMapper;

    Journal(JdbcClient jdbc, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
    }

    /**
     * Records a new request as {@link RequestState#PUBLISHING}, unless its request id is already known.
     *
     * @param submission the request
     * @return {@code true} if it was recorded, {@code false} if the request id was already taken
     */
    public boolean start(Submission submission) {
        Instant now = now();
        return this.jdbc
                        .sql("INSERT INTO requests (" + REQUEST_COLUMNS + ") VALUES (:requestId, :target,"
                                + " :messageType, :payload, :bodyHash, 'PUBLISHING', NULL, :messageId, :now, :now,"
                                + " :acceptedAt, NULL, NULL, NULL, NULL) ON CONFLICT DO NOTHING")
                        .param("requestId", submission.requestId())
                        .param("target", submission.target())
                        .param("messageType", submission.messageType())
                        .param("payload", json(submission.payload()))
                        .param("bodyHash", submission.bodyHash())
                        .param("messageId", submission.messageId())
                        .param("now", timestamp(now))
                        .param("acceptedAt", timestamp(submission.acceptedAt()))
                        .update()
                > 0;
    }

    /**
     * Takes a known request over for another publishing attempt, with the submitted body, if it is still as it was
     * read: in the given state and unchanged since.
     *
     * @param submission the request as now submitted
     * @param expected the request as it was read
     * @return {@code true} if this attempt took it over and is now to publish it
     */
    public boolean restart(Submission submission, JournalRequest expected) {
        return this.jdbc
                        .sql("UPDATE requests SET target = :target, message_type = :messageType, payload = :payload,"
                                + " body_hash = :bodyHash, state = 'PUBLISHING', reason = NULL,"
                                + " message_id = :messageId, updated_at = :now, accepted_at = :acceptedAt,"
                                + " completed_at = NULL, attempts = NULL, next_attempt_at = NULL, last_failure = NULL"
                                + " WHERE request_id = :requestId AND state = :state AND updated_at = :updatedAt")
                        .param("requestId", submission.requestId())
                        .param("target", submission.target())
                        .param("messageType", submission.messageType())
                        .param("payload", json(submission.payload()))
                        .param("bodyHash", submission.bodyHash())
                        .param("messageId", submission.messageId())
                        .param("now", timestamp(now()))
                        .param("acceptedAt", timestamp(submission.acceptedAt()))
                        .param("state", expected.state().name())
                        .param("updatedAt", timestamp(expected.updatedAt()))
                        .update()
                > 0;
    }

    /**
     * Marks a request as {@link RequestState#ACCEPTED} once the broker confirmed it, unless a response already decided
     * its outcome.
     *
     * @param requestId the request
     */
    public void accepted(String requestId) {
        leavePublishing(requestId, RequestState.ACCEPTED, null);
    }

    /**
     * Marks a request as {@link RequestState#NOT_SENT}: its publishing failed, a retry publishes it again.
     *
     * @param requestId the request
     * @param reason why publishing failed
     */
    public void notSent(String requestId, String reason) {
        leavePublishing(requestId, RequestState.NOT_SENT, reason);
    }

    private void leavePublishing(String requestId, RequestState state, @Nullable String reason) {
        this.jdbc
                .sql("UPDATE requests SET state = :state, reason = :reason, updated_at = :now"
                        + " WHERE request_id = :requestId AND state = 'PUBLISHING'")
                .param("state", state.name())
                .param("reason", reason)
                .param("now", timestamp(now()))
                .param("requestId", requestId)
                .update();
    }

    /**
     * Records a response once, however often it is delivered, and lets it decide the outcome of its request if no
     * response did so before.
     *
     * @param response the response
     * @param outcome the state it gives its request, {@link RequestState#COMPLETED} or {@link RequestState#FAILED}
     * @param reason the reason of a failure, or {@code null}
     * @return what the journal did with it
     */
    @Transactional
    public ResponseRecording record(JournalResponse response, RequestState outcome, @Nullable String reason) {
        boolean inserted = this.jdbc
                        .sql("INSERT INTO responses (" + RESPONSE_COLUMNS + ") VALUES (:messageId, :requestId,"
                                + " :sourceSystem, :messageType, :payload, :receivedAt, FALSE) ON CONFLICT DO NOTHING")
                        .param("messageId", response.messageId())
                        .param("requestId", response.requestId())
                        .param("sourceSystem", response.sourceSystem())
                        .param("messageType", response.messageType())
                        .param("payload", json(response.payload()))
                        .param("receivedAt", timestamp(response.receivedAt()))
                        .update()
                > 0;
        // Also for a redelivered response: the first delivery may have been recorded without deciding the outcome.
        boolean deciding = this.jdbc
                        .sql("UPDATE requests SET state = :state, reason = :reason, completed_at = :receivedAt,"
                                + " next_attempt_at = NULL, updated_at = :now WHERE request_id = :requestId"
                                + " AND state IN ('PUBLISHING', 'NOT_SENT', 'ACCEPTED')")
                        .param("state", outcome.name())
                        .param("reason", reason)
                        .param("receivedAt", timestamp(response.receivedAt()))
                        .param("now", timestamp(now()))
                        .param("requestId", response.requestId())
                        .update()
                > 0;
        if (deciding) {
            this.jdbc
                    .sql("UPDATE responses SET deciding = TRUE WHERE message_id = :messageId")
                    .param("messageId", response.messageId())
                    .update();
        }
        RequestState requestState = this.jdbc
                .sql("SELECT state FROM requests WHERE request_id = :requestId")
                .param("requestId", response.requestId())
                .query((rs, row) -> RequestState.valueOf(rs.getString("state")))
                .optional()
                .orElse(null);
        return new ResponseRecording(!inserted, requestState);
    }

    /**
     * Records that the target system failed to process a request for a reason that may go away and tries it again
     * later, unless the request was decided meanwhile or a later notice was recorded before.
     *
     * @param requestId the request
     * @param attempts how often the target system tried it so far
     * @param nextAttemptAt when it tries again
     * @param lastFailure why the last attempt failed
     * @return whether the journal recorded it
     */
    public boolean retryScheduled(String requestId, int attempts, Instant nextAttemptAt, String lastFailure) {
        return this.jdbc
                        .sql("UPDATE requests SET attempts = :attempts, next_attempt_at = :nextAttemptAt,"
                                + " last_failure = :lastFailure, updated_at = :now WHERE request_id = :requestId"
                                + " AND state IN ('PUBLISHING', 'NOT_SENT', 'ACCEPTED')"
                                + " AND (attempts IS NULL OR attempts < :attempts)")
                        .param("attempts", attempts)
                        .param("nextAttemptAt", timestamp(nextAttemptAt))
                        .param("lastFailure", lastFailure)
                        .param("now", timestamp(now()))
                        .param("requestId", requestId)
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
     * The most recent requests, newest first.
     *
     * @param limit how many at most
     * @return the requests
     */
    public List<JournalRequest> recent(int limit) {
        return this.jdbc
                .sql("SELECT " + REQUEST_COLUMNS + " FROM requests ORDER BY created_at DESC, request_id DESC"
                        + " LIMIT :limit")
                .param("limit", limit)
                .query(this::request)
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
     * The most recent responses whose request id the journal does not know, newest first.
     *
     * @param limit how many at most
     * @return the responses
     */
    public List<JournalResponse> unmatchedResponses(int limit) {
        return this.jdbc
                .sql("SELECT r.message_id, r.request_id, r.source_system, r.message_type, r.payload, r.received_at,"
                        + " r.deciding FROM responses r LEFT JOIN requests q ON q.request_id = r.request_id"
                        + " WHERE q.request_id IS NULL ORDER BY r.received_at DESC, r.id DESC LIMIT :limit")
                .param("limit", limit)
                .query(this::response)
                .list();
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
                instant(rs, "accepted_at"),
                instant(rs, "completed_at"),
                rs.getObject("attempts", Integer.class),
                instant(rs, "next_attempt_at"),
                rs.getString("last_failure"));
    }

    private JournalResponse response(ResultSet rs, int row) throws SQLException {
        return new JournalResponse(
                rs.getString("message_id"),
                rs.getString("request_id"),
                rs.getString("source_system"),
                rs.getString("message_type"),
                map(rs.getString("payload")),
                instant(rs, "received_at"),
                rs.getBoolean("deciding"));
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
     */
    public record ResponseRecording(
            boolean duplicate, @Nullable RequestState requestState) {}
}
