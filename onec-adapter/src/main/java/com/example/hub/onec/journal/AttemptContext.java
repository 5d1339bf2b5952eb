package com.example.hub.onec.journal;

import com.example.hub.messaging.envelope.MessageEnvelope;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The context 1C's requests carry: which attempt of the request a message is ({@code {"attempt": 2}}). The systems of
 * the hub give a requester's context back with their answers, so that an answer to an earlier attempt (a late or
 * replayed one) is told from an answer to the current one.
 */
public final class AttemptContext {

    static final String KEY = "attempt";

    private AttemptContext() {}

    /**
     * The context of a request's attempt.
     *
     * @param attempt the attempt, counted from 1
     * @return the context to send with it
     */
    public static Map<String, Object> of(int attempt) {
        return Map.of(KEY, attempt);
    }

    /**
     * The attempt an answer names in its context.
     *
     * @param answer the answer
     * @return the attempt, or {@code null} when its context names none
     */
    static @Nullable Integer attemptOf(MessageEnvelope answer) {
        Map<String, Object> context = answer.context();
        return context != null && context.get(KEY) instanceof Number attempt ? attempt.intValue() : null;
    }
}
