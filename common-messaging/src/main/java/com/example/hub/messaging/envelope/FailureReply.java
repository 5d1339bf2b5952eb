package com.example.hub.messaging.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The payload of an {@value #MESSAGE_TYPE} response: a request could not be processed and was dead-lettered. The
 * requester learns the outcome instead of waiting forever.
 *
 * @param status always {@code error}
 * @param reason why the request failed
 * @param deadLetterQueue where the failed request now waits for investigation
 * @param failedMessageType the message type of the failed request
 * @param failedService the service whose processing failed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailureReply(
        String status, String reason, String deadLetterQueue, String failedMessageType, String failedService) {

    /** The message type of a failure reply. */
    public static final String MESSAGE_TYPE = "error";

    public static final String STATUS = "error";

    public FailureReply(String reason, String deadLetterQueue, String failedMessageType, String failedService) {
        this(STATUS, reason, deadLetterQueue, failedMessageType, failedService);
    }
}
