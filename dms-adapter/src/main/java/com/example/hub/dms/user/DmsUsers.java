package com.example.hub.dms.user;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/** The users of the simulated DMS, in memory: one DMS user for each user id, however often it is created. */
@Component
class DmsUsers {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final ConcurrentMap<String, DmsUser> usersByUserId = new ConcurrentHashMap<>();

    private final Set<String> dmsUserIds = ConcurrentHashMap.newKeySet();

    /**
     * Creates a user, unless the DMS already has one with that user id: then it is returned unchanged.
     *
     * @param userId the user's id in the requesting system
     * @param name the user's full name
     * @param email the user's e-mail address
     * @return the DMS user, and whether this call created it
     */
    Registration create(String userId, String name, String email) {
        DmsUser[] created = new DmsUser[1];
        DmsUser user = this.usersByUserId.computeIfAbsent(userId, id -> {
            created[0] = new DmsUser(id, newDmsUserId(), name, email, Instant.now());
            return created[0];
        });
        return new Registration(user, user == created[0]);
    }

    Optional<DmsUser> find(String userId) {
        return Optional.ofNullable(this.usersByUserId.get(userId));
    }

    private String newDmsUserId() {
        String id;
        do {
            id = "DMS-USER-" + HEX.toHexDigits(ThreadLocalRandom.current().nextInt());
        } while (!this.dmsUserIds.add(id));
        return id;
    }

    /**
     * The outcome of {@link #create}.
     *
     * @param user the DMS user
     * @param created {@code true} if the call created it, {@code false} if it existed already
     */
    record Registration(DmsUser user, boolean created) {}
}
