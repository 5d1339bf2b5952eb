package com.example.hub.messaging.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The message every system of the hub sends and receives, as snake_case JSON:
 *
 * <pre>
 * {"message_id": "…uuid…", "request_id": "USER_REQ_001", "source_system": "1C", "target_system": "DMS",
 *  "message_type": "create_user", "timestamp": "2026-01-01T10:00:00Z", "payload": {…}, "context": {…},
 *  "schema_version": 1}
 * </pre>
 *
 * <p>Senders may write system names in any case; routing keys are built from their lower-case form. Unknown fields
 * are ignored when reading. {@code context} is optional: whatever a requester puts there comes back, unchanged, in the
 * response, so that no system has to keep state between hops.
 *
 * <p>{@code schema_version} is the major version of the hub's message schemas the envelope was written in: an envelope
 * the hub builds (through the constructor without it, {@link #request} or {@link #reply}) is of {@link
 * #CURRENT_SCHEMA_VERSION}; a received one without it is of version 1, as the seed's and other senders' messages are.
 * Within a major version the schemas change only by additions, so a reader of that version reads every message of it.
 *
 * @param messageId a new UUID for every message
 * @param requestId the business request this message belongs to; responses echo it
 * @param sourceSystem the sending system
 * @param targetSystem the receiving system
 * @param messageType what the message asks or answers, for example {@code create_user}
 * @param timestamp when the message was created (UTC)
 * @param payload the business data
 * @param context opaque data a requester wants back with the response, or {@code null}
 * @param schemaVersion the major version of the schemas the envelope follows; {@code null} (absent) means 1
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageEnvelope(
        String messageId,
        @NotBlank String requestId,
        @NotBlank String sourceSystem,
        @NotBlank String targetSystem,
        @NotBlank String messageType,
        Instant timestamp,
        @NotNull Map<String, Object> payload,
        Map<String, Object> context,
        Integer schemaVersion) {

    /**
     * The major version of the message schemas this build writes (hub/schemas): a breaking change to any of them makes
     * the next one, with the previous version's schemas kept.
     */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    /** The version of an envelope that does not say: the seed's and every sender's before the version was added. */
    public static final int UNVERSIONED = 1;

    /**
     * Context key of a request sent on behalf of another system: that system's name. If the response to the request
     * cannot be processed, that system gets the {@code error} response.
     */
    public static final String REPLY_TO = "reply_to";

    /** Context key of a relayed request: the context of the original request, given back to its requester. */
    public static final String REQUESTER_CONTEXT = "requester_context";

    public MessageEnvelope {
        if (schemaVersion == null) {
            schemaVersion = UNVERSIONED;
        }
    }

    /**
     * An envelope of the schemas' current version, {@link #CURRENT_SCHEMA_VERSION}: what the hub writes.
     *
     * @param messageId a new UUID for every message
     * @param requestId the business request this message belongs to
     * @param sourceSystem the sending system
     * @param targetSystem the receiving system
     * @param messageType what the message asks or answers
     * @param timestamp when the message was created (UTC)
     * @param payload the business data
     * @param context opaque data a requester wants back with the response, or {@code null}
     */
    public MessageEnvelope(
            String messageId,
            String requestId,
            String sourceSystem,
            String targetSystem,
            String messageType,
            Instant timestamp,
            Map<String, Object> payload,
            Map<String, Object> context) {
        this(
                messageId,
                requestId,
                sourceSystem,
                targetSystem,
                messageType,
                timestamp,
                payload,
                context,
                CURRENT_SCHEMA_VERSION);
    }

    /**
     * A new request.
     *
     * @param requestId the business request id
     * @param sourceSystem the sending system
     * @param targetSystem the receiving system
     * @param messageType the message type
     * @param payload the business data
     * @return an envelope with a new message id and the current time
     */
    public static MessageEnvelope request(
            String requestId,
            String sourceSystem,
            String targetSystem,
            String messageType,
            Map<String, Object> payload) {
        return new MessageEnvelope(
                newMessageId(), requestId, sourceSystem, targetSystem, messageType, now(), payload, null);
    }

    /**
     * The answer to this message: addressed to its source, with the same request id and context.
     *
     * @param fromSystem the answering system
     * @param responseType the message type of the answer
     * @param responsePayload the business data of the answer
     * @return a new envelope
     */
    public MessageEnvelope reply(String fromSystem, String responseType, Map<String, Object> responsePayload) {
        return new MessageEnvelope(
                newMessageId(), requestId, fromSystem, sourceSystem, responseType, now(), responsePayload, context);
    }

    /**
     * This envelope under another message id: the same message published again, for its receivers to recognise, in
     * its schema version.
     *
     * @param sameMessageId the message id it was published under before
     * @return a copy with the message id replaced
     */
    public MessageEnvelope withMessageId(String sameMessageId) {
        return copy(sameMessageId, context);
    }

    /**
     * This envelope with another context, in its schema version.
     *
     * @param newContext the context to carry, or {@code null}
     * @return a copy with the context replaced
     */
    public MessageEnvelope withContext(Map<String, Object> newContext) {
        return copy(messageId, newContext);
    }

    /** This envelope, in its schema version, with its message id and context replaced. */
    private MessageEnvelope copy(String newMessageId, Map<String, Object> newContext) {
        return new MessageEnvelope(
                newMessageId,
                this.requestId,
                this.sourceSystem,
                this.targetSystem,
                this.messageType,
                this.timestamp,
                this.payload,
                newContext,
                this.schemaVersion);
    }

    /**
     * The routing key of this envelope as a request.
     *
     * @return {@code <source>.request.<target>.<type>}
     */
    public RoutingKey requestKey() {
        return RoutingKey.request(sourceSystem, targetSystem, messageType);
    }

    /**
     * The routing key of this envelope as a response.
     *
     * @return {@code <source>.response.<target>.<type>}
     */
    public RoutingKey responseKey() {
        return RoutingKey.response(sourceSystem, targetSystem, messageType);
    }

    private static String newMessageId() {
        return UUID.randomUUID().toString();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
