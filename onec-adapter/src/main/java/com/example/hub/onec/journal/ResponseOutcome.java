package com.example.hub.onec.journal;

import com.example.hub.messaging.envelope.FailureReply;
import com.example.hub.messaging.envelope.MessageEnvelope;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a response says about its request: a response of type {@code error}, or whose payload's {@code status} is
 * {@code error} or {@code failed}, reports a failure, with the reason in {@code reason} or {@code message}; any other
 * response completes its request.
 *
 * @param state {@link RequestState#COMPLETED} or {@link RequestState#FAILED}
 * @param reason the reason of a failure, or {@code null}
 */
record ResponseOutcome(RequestState state, @Nullable String reason) {

    private static final Set<String> FAILURE_STATUSES = Set.of("error", "failed");

    static ResponseOutcome of(MessageEnvelope response) {
        Map<String, Object> payload = response.payload() != null ? response.payload() : Map.of();
        boolean failed = FailureReply.MESSAGE_TYPE.equalsIgnoreCase(response.messageType())
                || (payload.get("status") instanceof String status
                        && FAILURE_STATUSES.contains(status.toLowerCase(Locale.ROOT)));
        if (!failed) {
            return new ResponseOutcome(RequestState.COMPLETED, null);
        }
        String reason = text(payload.get("reason"));
        if (reason == null) {
            reason = text(payload.get("message"));
        }
        if (reason == null) {
            reason = text(payload.get("error"));
        }
        return new ResponseOutcome(
                RequestState.FAILED,
                reason != null ? reason : response.sourceSystem() + " reported a failure without a reason");
    }

    private static @Nullable String text(@Nullable Object value) {
        return value != null && !value.toString().isBlank() ? value.toString() : null;
    }
}
