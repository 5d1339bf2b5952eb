package com.example.hub.console.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A dead letter of the ledger, as the REST API shows it. A listing leaves out the headers and the body; {@code GET
 * /dead-letters/{id}} shows them: the body as text when it is UTF-8, else as {@code body_base64}.
 *
 * @param id its number in the ledger
 * @param queue the dead-letter queue it came from
 * @param exchange the exchange it was originally published to
 * @param routingKey its original routing key
 * @param messageId its message id
 * @param messageType the message type of its body
 * @param requestId the request id of its body
 * @param failureKind {@code permanent}, {@code retries-exhausted}, or {@code broker-<reason>} when the broker
 *     dead-lettered it
 * @param exceptionClass the class of the listener's exception
 * @param exceptionMessage the reason
 * @param group the key of its group of failures
 * @param attempts how often it was tried
 * @param failedService the service that gave up on it
 * @param failedAt when it was dead-lettered
 * @param receivedAt when the ledger stored it
 * @param state {@code pending}, {@code replayed} or {@code discarded}
 * @param replayCount how often it was replayed
 * @param lastReplayedAt when it was last replayed
 * @param discardedAt when it was discarded
 * @param discardNote the operator's note on discarding it
 * @param headers its headers
 * @param properties its other AMQP properties
 * @param body its body, when UTF-8
 * @param bodyBase64 its body, when not UTF-8
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeadLetter(
        long id,
        String queue,
        @Nullable String exchange,
        @Nullable String routingKey,
        @Nullable String messageId,
        @Nullable String messageType,
        @Nullable String requestId,
        String failureKind,
        String exceptionClass,
        @Nullable String exceptionMessage,
        String group,
        @Nullable Integer attempts,
        @Nullable String failedService,
        Instant failedAt,
        Instant receivedAt,
        String state,
        int replayCount,
        @Nullable Instant lastReplayedAt,
        @Nullable Instant discardedAt,
        @Nullable String discardNote,
        @Nullable JsonNode headers,
        @Nullable JsonNode properties,
        @Nullable String body,
        @Nullable String bodyBase64) {

    static final String PENDING = "pending";

    static final String REPLAYED = "replayed";

    static final String DISCARDED = "discarded";
}
