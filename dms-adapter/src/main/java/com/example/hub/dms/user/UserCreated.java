package com.example.hub.dms.user;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The payload of a {@code user_created} response.
 *
 * @param status always {@code success}
 * @param userId the user's id in the requesting system
 * @param dmsUserId the user's id in the DMS
 * @param message what the DMS did
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record UserCreated(String status, String userId, String dmsUserId, String message) {

    static final String SUCCESS = "success";

    static UserCreated of(DmsUsers.Registration registration) {
        DmsUser user = registration.user();
        return new UserCreated(
                SUCCESS,
                user.userId(),
                user.dmsUserId(),
                registration.created() ? "User created in DMS" : "User already existed in DMS");
    }
}
