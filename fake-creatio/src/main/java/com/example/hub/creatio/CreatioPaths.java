package com.example.hub.creatio;

/** The paths of the Creatio endpoints that the fake serves. */
public final class CreatioPaths {

    public static final String LOGIN = "/ServiceModel/AuthService.svc/Login";
    public static final String ODATA = "/0/odata";

    private CreatioPaths() {}
}
