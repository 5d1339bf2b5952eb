package com.example.hub.onec.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A request of 1C as {@code GET /requests} shows it; with its attempts and responses when it is shown alone.
 *
 * @param requestId the business request id
 * @param target the system the request went to
 * @param messageType its message type
 * @param state where it stands; {@link RequestState#OVERDUE} when it is accepted and its answer is overdue
 * @param reason why it failed or was not sent, or {@code null}
 * @param payload the payload that was published
 * @param createdAt when the journal first recorded it
 * @param receivedAt when the HTTP request of its current attempt arrived (before its body was read); {@code created_at}
 *     of a first attempt is a little later. Also shown as {@code accepted_at}, its old name, for one release
 * @param completedAt when the deciding response arrived, or {@code null}
 * @param attempt its current attempt, counted from 1
 * @param submittedBy the client that sent its current attempt, such as {@code 1c}; {@code null} for a request
 *     journalled before the journal recorded it
 * @param overdueSince since when its answer is overdue; left out unless it is {@link RequestState#OVERDUE}
 * @param retry while the target system waits to try the request again: how often it tried, when it tries next and
 *     why the last attempt failed; left out otherwise
 * @param attempts every attempt to send it, oldest first; left out of listings
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
        Instant receivedAt,
        @Nullable Instant completedAt,
        int attempt,
        @Nullable String submittedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant overdueSince,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Retry retry,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<AttemptView> attempts,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<ResponseView> responses) {

    /**
     * The request's {@code received_at} under its old name, for the clients that read it.
     *
     * @return when the HTTP request of its current attempt arrived
     * @deprecated read {@code received_at}: {@code accepted_at} named the HTTP arrival like the broker's confirm
     *     (state {@code ACCEPTED}), and is left out of the next release
     */
    @Deprecated(forRemoval = true)
    @JsonProperty("accepted_at")
    Instant acceptedAt() {
        return this.receivedAt;
    }

    /**
     * A request in a listing.
     *
     * @param request the request
     * @param properties the journal's settings, for when a request is overdue
     * @param now the time to show it at
     * @return the view
     */
    static RequestView of(JournalRequest request, JournalProperties properties, Instant now) {
        return of(request, null, null, properties, now);
    }

    /**
     * A request shown alone.
     *
     * @param request the request
     * @param attempts its attempts, or {@code null} in a listing
     * @param responses its responses, or {@code null} in a listing
     * @param properties the journal's settings, for when a request is overdue
     * @param now the time to show it at
     * @return the view
     */
    static RequestView of(
            JournalRequest request,
            @Nullable List<JournalAttempt> attempts,
            @Nullable List<JournalResponse> responses,
            JournalProperties properties,
            Instant now) {
        boolean overdue = request.state() == RequestState.ACCEPTED && properties.overdue(request.receivedAt(), now);
        return new RequestView(
                request.requestId(),
                request.target(),
                request.messageType(),
                overdue ? RequestState.OVERDUE : request.state(),
                request.reason(),
                request.payload(),
                request.createdAt(),
                request.receivedAt(),
                request.completedAt(),
                request.attempt(),
                request.submittedBy(),
                overdue ? request.receivedAt().plus(properties.overdueAfter()) : null,
                request.state().isFinal() || request.nextAttemptAt() == null
                        ? null
                        : new Retry(request.attempts(), request.nextAttemptAt(), request.lastFailure()),
                attempts != null ? attempts.stream().map(AttemptView::of).toList() : null,
                responses != null ? responses.stream().map(ResponseView::of).toList() : null);
    }

    /**
     * A request waiting for a delayed retry in the system it was sent to.
     *
     * @param attempts how often that system tried it so far, in the request's current attempt
     * @param nextAttemptAt when it tries next
     * @param lastFailure why its last attempt failed
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Retry(
            @Nullable Integer attempts,
            Instant nextAttemptAt,
            @Nullable String lastFailure) {}

    /**
     * One attempt to send the request.
     *
     * @param attempt its number, counted from 1
     * @param messageId the message id it was published under
     * @param state its outcome
     * @param reason why it failed or was not sent, or {@code null}
     * @param receivedAt when its HTTP request arrived; also shown as {@code accepted_at}, its old name, for one release
     * @param completedAt when the answer that decided it arrived, or {@code null}
     * @param traceId the trace it was sent in, across every app it reached, or {@code null}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AttemptView(
            int attempt,
            String messageId,
            RequestState state,
            @Nullable String reason,
            Instant receivedAt,
            @Nullable Instant completedAt,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            String traceId) {

        /** @deprecated the attempt's {@code received_at} under its old name, left out of the next release */
        @Deprecated(forRemoval = true)
        @JsonProperty("accepted_at")
        Instant acceptedAt() {
            return this.receivedAt;
        }

        static AttemptView of(JournalAttempt attempt) {
            return new AttemptView(
                    attempt.attempt(),
                    attempt.messageId(),
                    attempt.state(),
                    attempt.reason(),
                    attempt.receivedAt(),
                    attempt.completedAt(),
                    attempt.traceId());
        }
    }
}
