package com.example.hub.crm.creatio;

/**
 * Creatio rejected the call in a way that retrying cannot fix: an unknown order (404), an invalid request (400),
 * forbidden even after a fresh login (403), bad credentials ({@link CreatioAuthenticationException}).
 */
public non-sealed class CreatioPermanentException extends CreatioException {

    CreatioPermanentException(String message, Integer httpStatus) {
        super(message, httpStatus, null);
    }
}
