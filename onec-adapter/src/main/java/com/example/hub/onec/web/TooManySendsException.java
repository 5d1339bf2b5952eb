package com.example.hub.onec.web;

/** As many requests as {@code onec.max-concurrent-sends} allows are being sent already: this one is not taken. */
class TooManySendsException extends RuntimeException {

    private final int limit;

    TooManySendsException(int limit) {
        super("The adapter is sending " + limit + " requests already; send this one again shortly");
        this.limit = limit;
    }

    int limit() {
        return this.limit;
    }
}
