package com.example.hub.messaging.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The payload of a {@value #MESSAGE_TYPE} response: a request failed for a reason that may go away and waits for its
 * next attempt. It does not decide the request's outcome; the requester may show it while it waits.
 *
 * @param reason why the last attempt failed
 * @param attempts how often the request was tried so far
 * @param nextAttemptAt when it is tried again
 * @param failedService the service whose processing failed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetryNotice(String reason, int attempts, Instant nextAttemptAt, String failedService) {

    /** The message type of a retry notice. */
    public static final String MESSAGE_TYPE = "retry_scheduled";
}
