package com.example.hub.onec.send;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The answer to an accepted request: the broker confirmed it.
 *
 * @param status always {@code success}
 * @param message which system the request was sent to, and whether it was sent again or already before: {@code Request
 *     sent to DMS}, {@code Request sent to DMS again} (after it failed), {@code Request already sent to DMS} (a
 *     repetition, not published again)
 * @param requestId the request id, generated if 1C left it out
 * @param attempt the request's attempt, counted from 1
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SendAccepted(String status, String message, String requestId, int attempt) {

    static SendAccepted to(String target, String requestId, SendOutcome outcome) {
        String message = switch (outcome.kind()) {
            case SENT -> "Request sent to " + target;
            case SENT_AGAIN -> "Request sent to " + target + " again";
            case REPEATED -> "Request already sent to " + target;
        };
        return new SendAccepted("success", message, requestId, outcome.attempt());
    }
}
