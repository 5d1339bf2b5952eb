package com.example.hub.crm.creatio;

/** Creatio refused the configured credentials; permanent until the configuration changes. */
public final class CreatioAuthenticationException extends CreatioPermanentException {

    CreatioAuthenticationException(String message, Integer httpStatus) {
        super(message, httpStatus);
    }
}
