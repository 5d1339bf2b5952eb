package com.example.hub.dms.inbound;

import java.util.Map;

/** Handles one message type of the requests to the DMS. Each handler is a bean; message types must be unique. */
public interface RequestHandler {

    /**
     * The message type this handler answers.
     *
     * @return a message type such as {@code create_user}, in lower case
     */
    String messageType();

    /**
     * Handles a request's payload.
     *
     * @param payload the request's payload
     * @return the answer to send back to the requester
     * @throws com.example.hub.messaging.failure.PermanentMessageException when the payload is invalid
     */
    Reply handle(Map<String, Object> payload);

    /**
     * The answer to a request.
     *
     * @param messageType the message type of the response, such as {@code user_created}
     * @param payload the response's payload, a record written as snake_case JSON
     * @param outcome what happened, in a few words for the log
     */
    record Reply(String messageType, Object payload, String outcome) {}
}
