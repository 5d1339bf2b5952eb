package com.example.hub.creatio.session;

/**
 * A logged-in Creatio session, as handed out in the login's cookies.
 *
 * @param authToken the {@code .ASPXAUTH} cookie
 * @param csrfToken the {@code BPMCSRF} cookie, which every OData request must repeat in a {@code BPMCSRF} header
 * @param loaderId the {@code BPMLOADER} cookie
 * @param userName the user who logged in
 */
public record Session(String authToken, String csrfToken, String loaderId, String userName) {}
