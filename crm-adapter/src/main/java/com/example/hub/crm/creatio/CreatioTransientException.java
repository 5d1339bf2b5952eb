package com.example.hub.crm.creatio;

/** Creatio could not be reached or answered with a failure that may go away: timeouts, refused connections, 5xx, 429. */
public final class CreatioTransientException extends CreatioException {

    CreatioTransientException(String message, Integer httpStatus, Throwable cause) {
        super(message, httpStatus, cause);
    }
}
