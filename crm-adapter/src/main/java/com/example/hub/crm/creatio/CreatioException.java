package com.example.hub.crm.creatio;

import java.util.OptionalInt;

/**
 * A failed Creatio call: either {@link CreatioTransientException} (may succeed when tried again later) or
 * {@link CreatioPermanentException} (will fail the same way however often it is tried).
 */
public abstract sealed class CreatioException extends RuntimeException
        permits CreatioTransientException, CreatioPermanentException {

    private final Integer httpStatus;

    CreatioException(String message, Integer httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status Creatio answered with, if it answered at all. */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }
}
