package com.example.hub.onec.web;

import java.io.IOException;

/** A request body went beyond {@code onec.max-request-size}; reading it stops there. */
class RequestBodyTooLargeException extends IOException {

    private final long limit;

    RequestBodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return this.limit;
    }
}
