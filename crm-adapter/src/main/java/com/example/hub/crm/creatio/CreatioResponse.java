package com.example.hub.crm.creatio;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A response as read off the wire, before the client decides what it means. */
record CreatioResponse(int status, HttpHeaders headers, byte[] body) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The cookies that {@code Set-Cookie} sets, by name. */
    Map<String, String> setCookies() {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headers.getOrDefault(HttpHeaders.SET_COOKIE, List.of())) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                cookies.put(
                        pair.substring(0, equals).trim(),
                        pair.substring(equals + 1).trim());
            }
        }
        return cookies;
    }

    Optional<JsonNode> json() {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonMapper.shared().readTree(body));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /**
     * Creatio's own explanation: the OData {@code error.message} (with its {@code error.code}), a service's {@code
     * Message}, or a short plain-text body.
     */
    Optional<String> errorMessage() {
        Optional<JsonNode> json = json();
        if (json.isPresent()) {
            JsonNode node = json.get();
            // OData 4: {"error":{"code":"...","message":"..."}}
            String code = node.path("error").path("code").asString("");
            String odataMessage = node.path("error").path("message").asString("");
            if (!odataMessage.isBlank()) {
                return Optional.of(code.isBlank() ? odataMessage : odataMessage + " (" + code + ")");
            }
            for (JsonNode candidate : List.of(
                    node.path("error").path("message"),
                    node.path("error").path("innererror").path("message"),
                    node.path("Message"),
                    node.path("message"))) {
                if (candidate.isString() && !candidate.asString().isBlank()) {
                    return Optional.of(candidate.asString());
                }
            }
            return Optional.empty();
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty() || text.startsWith("<")) {
            return Optional.empty();
        }
        return Optional.of(text.length() <= 300 ? text : text.substring(0, 297) + "...");
    }
}
