package com.example.hub.console.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The console's database of dead letters. */
@Repository
class Ledger {

    private static final String SUMMARY_COLUMNS = "id, queue, exchange, routing_key, message_id, message_type,"
            + " request_id, failure_kind, exception_class, exception_message, group_key, attempts, failed_service,"
            + " failed_at, received_at, state, replay_count, last_replayed_at, discarded_at, discard_note";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;

    private final JsonMapper json;

    Ledger(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores a dead letter unless the ledger has it already (the same fingerprint: a redelivery).
     *
     * @param deadLetter the dead letter
     * @param receivedAt when it was received
     * @return whether it was new
     */
    boolean store(ReceivedDeadLetter deadLetter, Instant receivedAt) {
        return this.jdbc
                        .sql("INSERT INTO dead_letters (fingerprint, queue, exchange, routing_key, message_id,"
                                + " message_type, request_id, failure_kind, exception_class, exception_message,"
                                + " reason_template, group_key, attempts, failed_service, failed_at, received_at,"
                                + " headers, properties, body, state, replay_count)"
                                + " VALUES (:fingerprint, :queue, :exchange, :routingKey, :messageId, :messageType,"
                                + " :requestId, :failureKind, :exceptionClass, :exceptionMessage, :template, :groupKey,"
                                + " :attempts, :failedService, :failedAt, :receivedAt, :headers, :properties, :body,"
                                + " 'pending', 0) ON CONFLICT DO NOTHING")
                        .param("fingerprint", deadLetter.fingerprint())
                        .param("queue", deadLetter.queue())
                        .param("exchange", deadLetter.exchange())
                        .param("routingKey", deadLetter.routingKey())
                        .param("messageId", deadLetter.messageId())
                        .param("messageType", deadLetter.messageType())
                        .param("requestId", deadLetter.requestId())
                        .param("failureKind", deadLetter.cause().failureKind())
                        .param("exceptionClass", deadLetter.cause().exceptionClass())
                        .param("exceptionMessage", deadLetter.exceptionMessage())
                        .param("template", deadLetter.cause().template())
                        .param("groupKey", deadLetter.cause().groupKey())
                        .param("attempts", deadLetter.attempts())
                        .param("failedService", deadLetter.failedService())
                        .param("failedAt", timestamp(deadLetter.failedAt()))
                        .param("receivedAt", timestamp(receivedAt))
                        .param("headers", deadLetter.headers())
                        .param("properties", deadLetter.properties())
                        .param("body", deadLetter.body())
                        .update()
                == 1;
    }

    Optional<DeadLetter> find(long id) {
        return this.jdbc
                .sql("SELECT " + SUMMARY_COLUMNS + ", headers, properties, body FROM dead_letters WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> deadLetter(rs, true))
                .optional();
    }

    /**
     * Reads a dead letter for a replay or a discard and locks it until the transaction ends, so that two operators
     * cannot replay it at once.
     *
     * @param id the dead letter's number
     * @return the dead letter, if the ledger has it
     */
    Optional<StoredMessage> lock(long id) {
        return this.jdbc
                .sql("SELECT id, queue, group_key, state, replay_count, exchange, routing_key, message_id, headers,"
                        + " properties, body FROM dead_letters WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query((rs, row) -> new StoredMessage(
                        rs.getLong("id"),
                        rs.getString("queue"),
                        rs.getString("group_key"),
                        rs.getString("state"),
                        rs.getInt("replay_count"),
                        rs.getString("exchange"),
                        rs.getString("routing_key"),
                        rs.getString("message_id"),
                        this.json.readValue(rs.getString("headers"), MAP),
                        this.json.readValue(rs.getString("properties"), MAP),
                        rs.getBytes("body")))
                .optional();
    }

    /**
     * A page of the dead letters that match a filter, newest first.
     *
     * @param filter the criteria
     * @param limit how many at most
     * @param offset how many to skip
     * @return the page and how many match in all
     */
    Page search(DeadLetterFilter filter, int limit, int offset) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        condition(conditions, params, "queue = :queue", "queue", filter.queue());
        condition(conditions, params, "message_type = :messageType", "messageType", filter.messageType());
        condition(conditions, params, "failure_kind = :failureKind", "failureKind", filter.failureKind());
        condition(conditions, params, "state = :state", "state", filter.state());
        condition(conditions, params, "group_key = :group", "group", filter.group());
        condition(conditions, params, "message_id = :messageId", "messageId", filter.messageId());
        condition(conditions, params, "request_id = :requestId", "requestId", filter.requestId());
        if (filter.text() != null && !filter.text().isBlank()) {
            conditions.add("LOWER(exception_message) LIKE :text ESCAPE '\\'");
            params.put("text", "%" + likeEscaped(filter.text().toLowerCase(Locale.ROOT)) + "%");
        }
        condition(conditions, params, "failed_at >= :from", "from", timestamp(filter.from()));
        condition(conditions, params, "failed_at < :to", "to", timestamp(filter.to()));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = this.jdbc
                .sql("SELECT COUNT(*) FROM dead_letters" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<DeadLetter> items = this.jdbc
                .sql("SELECT " + SUMMARY_COLUMNS + " FROM dead_letters" + where
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> deadLetter(rs, false))
                .list();
        return new Page(items, total, limit, offset);
    }

    List<FailureGroup> groups() {
        return this.jdbc
                .sql("SELECT group_key, failure_kind, exception_class, reason_template, COUNT(*) AS total,"
                        + " SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending,"
                        + " SUM(CASE WHEN state = 'replayed' THEN 1 ELSE 0 END) AS replayed,"
                        + " SUM(CASE WHEN state = 'discarded' THEN 1 ELSE 0 END) AS discarded,"
                        + " MIN(failed_at) AS first_seen, MAX(failed_at) AS last_seen FROM dead_letters"
                        + " GROUP BY group_key, failure_kind, exception_class, reason_template"
                        + " ORDER BY MAX(failed_at) DESC")
                .query((rs, row) -> new FailureGroup(
                        rs.getString("group_key"),
                        rs.getString("failure_kind"),
                        rs.getString("exception_class"),
                        rs.getString("reason_template"),
                        rs.getLong("total"),
                        rs.getLong("pending"),
                        rs.getLong("replayed"),
                        rs.getLong("discarded"),
                        instant(rs, "first_seen"),
                        instant(rs, "last_seen")))
                .list();
    }

    /**
     * The dead letters of a group in some states, oldest first.
     *
     * @param group the group's key
     * @param states the states
     * @return their numbers
     */
    List<Long> idsOfGroup(String group, List<String> states) {
        return this.jdbc
                .sql("SELECT id FROM dead_letters WHERE group_key = :group AND state IN (:states) ORDER BY id")
                .param("group", group)
                .param("states", states)
                .query(Long.class)
                .list();
    }

    boolean groupExists(String group) {
        return this.jdbc
                        .sql("SELECT COUNT(*) FROM dead_letters WHERE group_key = :group")
                        .param("group", group)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void markReplayed(long id, Instant at) {
        this.jdbc
                .sql("UPDATE dead_letters SET state = 'replayed', replay_count = replay_count + 1,"
                        + " last_replayed_at = :at WHERE id = :id")
                .param("at", timestamp(at))
                .param("id", id)
                .update();
    }

    void markDiscarded(long id, Instant at, String note) {
        this.jdbc
                .sql("UPDATE dead_letters SET state = 'discarded', discarded_at = :at, discard_note = :note"
                        + " WHERE id = :id")
                .param("at", timestamp(at))
                .param("note", note)
                .param("id", id)
                .update();
    }

    /**
     * How many dead letters each group has in each state, for the meters.
     *
     * @return the counts
     */
    List<GroupCount> countByGroupAndState() {
        return this.jdbc
                .sql("SELECT group_key, failure_kind, state, COUNT(*) AS total FROM dead_letters"
                        + " GROUP BY group_key, failure_kind, state")
                .query((rs, row) -> new GroupCount(
                        rs.getString("group_key"),
                        rs.getString("failure_kind"),
                        rs.getString("state"),
                        rs.getLong("total")))
                .list();
    }

    private DeadLetter deadLetter(ResultSet rs, boolean withMessage) throws SQLException {
        byte[] body = withMessage ? rs.getBytes("body") : null;
        String text = body != null ? utf8(body) : null;
        return new DeadLetter(
                rs.getLong("id"),
                rs.getString("queue"),
                rs.getString("exchange"),
                rs.getString("routing_key"),
                rs.getString("message_id"),
                rs.getString("message_type"),
                rs.getString("request_id"),
                rs.getString("failure_kind"),
                rs.getString("exception_class"),
                rs.getString("exception_message"),
                rs.getString("group_key"),
                (Integer) rs.getObject("attempts", Integer.class),
                rs.getString("failed_service"),
                instant(rs, "failed_at"),
                instant(rs, "received_at"),
                rs.getString("state"),
                rs.getInt("replay_count"),
                nullableInstant(rs, "last_replayed_at"),
                nullableInstant(rs, "discarded_at"),
                rs.getString("discard_note"),
                withMessage ? this.json.readTree(rs.getString("headers")) : null,
                withMessage ? this.json.readTree(rs.getString("properties")) : null,
                text,
                body != null && text == null ? Base64.getEncoder().encodeToString(body) : null);
    }

    private static @Nullable String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException ex) {
            return null;
        }
    }

    private static void condition(
            List<String> conditions, Map<String, Object> params, String sql, String name, @Nullable Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            conditions.add(sql);
            params.put(name, value);
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
        return instant != null ? instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC) : null;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value != null ? value.toInstant() : null;
    }

    /**
     * A page of a listing.
     *
     * @param items the dead letters on it
     * @param total how many match in all
     * @param limit how many a page has at most
     * @param offset how many came before it
     */
    record Page(List<DeadLetter> items, long total, int limit, int offset) {}

    /**
     * The dead letters of a group in one state.
     *
     * @param group the group's key
     * @param failureKind its failure kind
     * @param state the state
     * @param count how many
     */
    record GroupCount(String group, String failureKind, String state, long count) {}
}
