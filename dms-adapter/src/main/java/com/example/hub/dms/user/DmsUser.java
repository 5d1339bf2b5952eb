package com.example.hub.dms.user;

import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A user of the simulated DMS.
 *
 * @param userId the user's id in the system that asked for it (1C)
 * @param dmsUserId the user's id in the DMS: {@code DMS-USER-} and 8 upper-case hex digits
 * @param name the user's full name
 * @param email the user's e-mail address
 * @param createdAt when the DMS created the user
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DmsUser(String userId, String dmsUserId, String name, String email, Instant createdAt) {}
