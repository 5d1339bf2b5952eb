package com.example.hub.onec.send;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /send_to_dms}: create a user in DMS.
 *
 * <pre>
 * {"request_id": "USER_REQ_001", "user_id": "U12345", "name": "Иванов Иван", "email": "ivanov@example.com"}
 * </pre>
 *
 * @param requestId the business request id (see {@link RequestIds} for its characters); one is generated when it
 *     is left out
 * @param userId the user's id in 1C
 * @param name the user's full name
 * @param email the user's e-mail address
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SendToDmsRequest(
        @Nullable @Pattern(regexp = RequestIds.PATTERN, message = RequestIds.MESSAGE)
        String requestId,

        @NotBlank @Size(max = 64) String userId,
        @NotBlank @Size(max = 200) String name,

        @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
        String email) {

    static final String TARGET = "DMS";

    static final String MESSAGE_TYPE = "create_user";

    Map<String, Object> payload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("user_id", this.userId);
        payload.put("name", this.name);
        payload.put("email", this.email);
        return payload;
    }
}
