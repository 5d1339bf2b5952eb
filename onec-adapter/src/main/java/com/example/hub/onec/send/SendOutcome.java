package com.example.hub.onec.send;

/**
 * What sending a request did.
 *
 * @param kind whether it was published, and whether for the first time
 * @param attempt the request's attempt: the one published, or the current one of a repetition
 */
record SendOutcome(Kind kind, int attempt) {

    /** Whether a request was published. */
    enum Kind {

        /** Published for the first time: no earlier attempt reached the broker. */
        SENT,

        /** Published again: an earlier attempt was sent and failed. */
        SENT_AGAIN,

        /** Not published: a repetition of a request that was sent and has not failed. */
        REPEATED
    }
}
