package com.example.hub.dms.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
        @NotBlank @Size(max = 255) String userId,
        @NotBlank @Size(max = 500) String name,
        @NotBlank @Email @Size(max = 500) String email) {}
