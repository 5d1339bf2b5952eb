package com.example.hub.creatio;

import java.util.Map;
import java.util.stream.Collectors;

/** The cookies of a successful login, to send with OData calls. */
record TestSession(Map<String, String> cookies) {

    String csrfToken() {
        return cookies.get("BPMCSRF");
    }

    String cookieHeader() {
        return cookies.entrySet().stream()
                .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
    }
}
