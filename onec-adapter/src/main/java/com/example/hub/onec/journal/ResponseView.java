package com.example.hub.onec.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A response as the journal shows it.
 *
 * @param requestId the request id it names; only shown in the listing of unmatched responses
 * @param messageId its message id
 * @param sourceSystem the answering system
 * @param messageType its message type
 * @param payload its payload
 * @param receivedAt when the adapter received it
 * @param deciding whether it decided the outcome of the attempt it answered ({@code false}: a repeat, or not an answer
 *     yet)
 * @param attempt the attempt of its request it answered; left out while its request is unknown
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResponseView(
        @Nullable String requestId,
        String messageId,
        String sourceSystem,
        String messageType,
        Map<String, Object> payload,
        Instant receivedAt,
        boolean deciding,
        @Nullable Integer attempt) {

    static ResponseView of(JournalResponse response) {
        return of(response, null);
    }

    static ResponseView unmatched(JournalResponse response) {
        return of(response, response.requestId());
    }

    private static ResponseView of(JournalResponse response, @Nullable String requestId) {
        return new ResponseView(
                requestId,
                response.messageId(),
                response.sourceSystem(),
                response.messageType(),
                response.payload(),
                response.receivedAt(),
                response.deciding(),
                response.attempt());
    }
}
