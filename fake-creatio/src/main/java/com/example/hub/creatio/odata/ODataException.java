package com.example.hub.creatio.odata;

import org.springframework.http.HttpStatus;

/** Ends an OData request with the given status and an {@link ODataError} body. */
class ODataException extends RuntimeException {

    private final HttpStatus status;

    ODataException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
