package com.example.hub.dms.inbound;

/**
 * Handles one message type of the requests to the DMS. Each handler is a bean; message types must be unique. The
 * listener reads a request's payload as the handler's request type before handing it over.
 *
 * @param <R> the request's payload, a record read from snake_case JSON
 */
public abstract class RequestHandler<R> {

    private final String messageType;

    private final Class<R> requestType;

    /**
     * A handler of one message type.
     *
     * @param messageType the message type it answers, such as {@code create_user}, in lower case
     * @param requestType what a request's payload is read as
     */
    protected RequestHandler(String messageType, Class<R> requestType) {
        this.messageType = messageType;
        this.requestType = requestType;
    }

    /**
     * The message type this handler answers.
     *
     * @return a message type such as {@code create_user}, in lower case
     */
    public final String messageType() {
        return this.messageType;
    }

    final Class<R> requestType() {
        return this.requestType;
    }

    /**
     * Handles a request.
     *
     * @param request the request's payload
     * @return the answer to send back to the requester
     * @throws com.example.hub.messaging.failure.PermanentMessageException when the request cannot be handled
     */
    public abstract Reply handle(R request);

    /**
     * The answer to a request.
     *
     * @param messageType the message type of the response, such as {@code user_created}
     * @param payload the response's payload, a record written as snake_case JSON
     * @param outcome what happened, in a few words for the log
     */
    public record Reply(String messageType, Object payload, String outcome) {}
}
