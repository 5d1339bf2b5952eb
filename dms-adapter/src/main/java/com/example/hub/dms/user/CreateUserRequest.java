package com.example.hub.dms.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The payload of a {@code create_user} request (from 1C).
 *
 * @param userId the user's id in the requesting system
 * @param name the user's full name
 * @param email the user's e-mail address
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CreateUserRequest(
        @NotBlank String userId,
        @NotBlank String name,
        @NotBlank @Email String email) {}
