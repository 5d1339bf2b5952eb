package com.example.hub.onec.journal;

/** Where a request of 1C stands. */
public enum RequestState {

    /** Being published: the broker has not confirmed it yet. */
    PUBLISHING,

    /** Publishing failed: the request was not sent, and a retry with the same request id publishes it again. */
    NOT_SENT,

    /** The broker confirmed the request; no response yet. */
    ACCEPTED,

    /** A response came back that did not report a failure. */
    COMPLETED,

    /** A response came back that reported a failure, with its reason. */
    FAILED;

    /**
     * Whether a response has decided this request's outcome.
     *
     * @return {@code true} for {@link #COMPLETED} and {@link #FAILED}
     */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }
}
