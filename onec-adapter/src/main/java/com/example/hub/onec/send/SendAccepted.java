package com.example.hub.onec.send;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer to an accepted request: the broker confirmed it.
 *
 * @param status always {@code success}
 * @param message which system the request was sent to
 * @param requestId the request id, generated if 1C left it out
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SendAccepted(String status, String message, String requestId) {

    static SendAccepted to(String target, String requestId) {
        return new SendAccepted("success", "Request sent to " + target, requestId);
    }
}
