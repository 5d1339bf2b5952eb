package com.example.hub.console.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Every action on the ledger's dead letters: who did what, when, and why. */
@Repository
class AuditTrail {

    static final String REPLAY = "replay";

    static final String DISCARD = "discard";

    private final JdbcClient jdbc;

    AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records an action.
     *
     * @param entry the action, its id not yet known
     * @return the action as recorded, with its id
     */
    Entry record(Entry entry) {
        KeyHolder keys = new GeneratedKeyHolder();
        this.jdbc
                .sql("INSERT INTO dead_letter_audit (at, client, action, dead_letter_id, group_key, note, detail)"
                        + " VALUES (:at, :client, :action, :deadLetterId, :group, :note, :detail)")
                .param("at", entry.at().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC))
                .param("client", entry.client())
                .param("action", entry.action())
                .param("deadLetterId", entry.deadLetterId())
                .param("group", entry.group())
                .param("note", entry.note())
                .param("detail", entry.detail())
                .update(keys, "id");
        Number id = keys.getKey();
        return new Entry(
                id != null ? id.longValue() : 0,
                entry.at().truncatedTo(ChronoUnit.MILLIS),
                entry.client(),
                entry.action(),
                entry.deadLetterId(),
                entry.group(),
                entry.note(),
                entry.detail());
    }

    /**
     * The latest entries, newest first.
     *
     * @param deadLetterId only those of this dead letter, if given
     * @param limit how many at most
     * @return the entries
     */
    List<Entry> latest(@Nullable Long deadLetterId, int limit) {
        String where = deadLetterId != null ? " WHERE dead_letter_id = :deadLetterId" : "";
        JdbcClient.StatementSpec statement = this.jdbc
                .sql("SELECT id, at, client, action, dead_letter_id, group_key, note, detail FROM dead_letter_audit"
                        + where + " ORDER BY id DESC LIMIT :limit")
                .param("limit", limit);
        if (deadLetterId != null) {
            statement = statement.param("deadLetterId", deadLetterId);
        }
        return statement.query((rs, row) -> entry(rs)).list();
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(
                rs.getLong("id"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("client"),
                rs.getString("action"),
                rs.getLong("dead_letter_id"),
                rs.getString("group_key"),
                rs.getString("note"),
                rs.getString("detail"));
    }

    /**
     * One action on one dead letter.
     *
     * @param id its number, {@code 0} before it is recorded
     * @param at when
     * @param client the API client that did it ({@code hub.security.clients.<name>})
     * @param action {@code replay} or {@code discard}
     * @param deadLetterId the dead letter
     * @param group the dead letter's group
     * @param note the operator's note
     * @param detail what was done, such as where the dead letter was replayed to
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Entry(
            long id,
            Instant at,
            String client,
            String action,
            long deadLetterId,
            String group,
            @Nullable String note,
            String detail) {}
}
