package com.example.hub.creatio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A response as the test saw it on the wire. */
record HttpResponse(int status, HttpHeaders headers, String body) {

    JsonNode json() {
        return JsonMapper.shared().readTree(body);
    }

    /** The name and value of every {@code Set-Cookie}, in order. */
    Map<String, String> setCookies() {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headers.getOrDefault(HttpHeaders.SET_COOKIE, List.of())) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            cookies.put(
                    pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return cookies;
    }

    /** The OData error message of an {@code {"error":{"code":"","message":"..."}}} body. */
    String odataErrorMessage() {
        return json().path("error").path("message").asString();
    }
}
