package com.example.hub.dms.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The users of the simulated DMS, in its database ({@code users}): one DMS user for each user id, however often it is
 * created, and across restarts.
 */
@Repository
class DmsUsers {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final JdbcClient jdbc;

    DmsUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates a user, unless the DMS already has one with that user id: then it is returned unchanged.
     *
     * @param userId the user's id in the requesting system
     * @param name the user's full name
     * @param email the user's e-mail address
     * @return the DMS user, and whether this call created it
     */
    Registration create(String userId, String name, String email) {
        while (true) {
            DmsUser candidate = new DmsUser(
                    userId, newDmsUserId(), name, email, Instant.now().truncatedTo(ChronoUnit.MILLIS));
            boolean inserted = this.jdbc
                            .sql("INSERT INTO users (user_id, dms_user_id, name, email, created_at)"
                                    + " VALUES (:userId, :dmsUserId, :name, :email, :createdAt) ON CONFLICT DO NOTHING")
                            .param("userId", candidate.userId())
                            .param("dmsUserId", candidate.dmsUserId())
                            .param("name", candidate.name())
                            .param("email", candidate.email())
                            .param("createdAt", candidate.createdAt().atOffset(ZoneOffset.UTC))
                            .update()
                    > 0;
            if (inserted) {
                return new Registration(candidate, true);
            }
            Optional<DmsUser> existing = find(userId);
            if (existing.isPresent()) {
                return new Registration(existing.get(), false);
            }
            // the random DMS id was taken by another user: draw again
        }
    }

    Optional<DmsUser> find(String userId) {
        return this.jdbc
                .sql("SELECT user_id, dms_user_id, name, email, created_at FROM users WHERE user_id = :userId")
                .param("userId", userId)
                .query(DmsUsers::user)
                .optional();
    }

    private static DmsUser user(ResultSet rs, int row) throws SQLException {
        return new DmsUser(
                rs.getString("user_id"),
                rs.getString("dms_user_id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static String newDmsUserId() {
        return "DMS-USER-" + HEX.toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /**
     * The outcome of {@link #create}.
     *
     * @param user the DMS user
     * @param created {@code true} if the call created it, {@code false} if it existed already
     */
    record Registration(DmsUser user, boolean created) {}
}
