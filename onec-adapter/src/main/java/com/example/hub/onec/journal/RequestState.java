package com.example.hub.onec.journal;

/** Where a request of 1C stands. */
public enum RequestState {

    /** Being published: the broker has not confirmed it yet. */
    PUBLISHING,

    /** Publishing failed: the request was not sent, and a retry with the same request id publishes it again. */
    NOT_SENT,

    /** The broker confirmed the request; no response yet. */
    ACCEPTED,

    /** A response came back that did not report a failure, to this attempt or an earlier one. */
    COMPLETED,

    /**
     * A response came back that reported a failure, with its reason. The same request sent again is published again, as
     * its next attempt.
     */
    FAILED,

    /**
     * Shown, never stored: the request is {@link #ACCEPTED}, but no answer decided it within {@code onec.overdue-after}
     * of its attempt. An answer that comes later still decides it.
     */
    OVERDUE;

    /**
     * Whether a response has decided this request's outcome.
     *
     * @return {@code true} for {@link #COMPLETED} and {@link #FAILED}
     */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }
}
