package com.example.hub.onec.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A request of 1C as {@code GET /requests} shows it; with its responses when it is shown alone.
 *
 * @param requestId the business request id
 * @param target the system the request went to
 * @param messageType its message type
 * @param state where it stands
 * @param reason why it failed or was not sent, or {@code null}
 * @param payload the payload that was published
 * @param createdAt when the journal first recorded it
 * @param acceptedAt when the HTTP request that was published arrived
 * @param completedAt when the deciding response arrived, or {@code null}
 * @param retry while the target system waits to try the request again: how often it tried, when it tries next and
 *     why the last attempt failed; left out otherwise
 * @param responses the responses recorded for it, oldest first; left out of listings
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RequestView(
        String requestId,
        String target,
        String messageType,
        RequestState state,
        @Nullable String reason,
        Map<String, Object> payload,
        Instant createdAt,
        Instant acceptedAt,
        @Nullable Instant completedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Retry retry,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<ResponseView> responses) {

    static RequestView of(JournalRequest request, @Nullable List<JournalResponse> responses) {
        return new RequestView(
                request.requestId(),
                request.target(),
                request.messageType(),
                request.state(),
                request.reason(),
                request.payload(),
                request.createdAt(),
                request.acceptedAt(),
                request.completedAt(),
                request.state().isFinal() || request.nextAttemptAt() == null
                        ? null
                        : new Retry(request.attempts(), request.nextAttemptAt(), request.lastFailure()),
                responses != null ? responses.stream().map(ResponseView::of).toList() : null);
    }

    /**
     * A request waiting for a delayed retry in the system it was sent to.
     *
     * @param attempts how often that system tried it so far
     * @param nextAttemptAt when it tries next
     * @param lastFailure why its last attempt failed
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Retry(
            @Nullable Integer attempts,
            Instant nextAttemptAt,
            @Nullable String lastFailure) {}
}
