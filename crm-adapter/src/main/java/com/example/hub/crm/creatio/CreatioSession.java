package com.example.hub.crm.creatio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cookies of one Creatio login ({@code .ASPXAUTH}, {@code BPMCSRF}, {@code BPMLOADER}, {@code UserName}), sent
 * with every OData call together with the {@code BPMCSRF} header.
 */
record CreatioSession(Map<String, String> cookies) {

    static final String AUTH_COOKIE = ".ASPXAUTH";
    static final String CSRF_COOKIE = "BPMCSRF";

    CreatioSession {
        // in the order Creatio set them
        cookies = Collections.unmodifiableMap(new LinkedHashMap<>(cookies));
    }

    String csrfToken() {
        return cookies.get(CSRF_COOKIE);
    }

    String cookieHeader() {
        return cookies.entrySet().stream()
                .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return "CreatioSession" + cookies.keySet();
    }
}
