package com.example.hub.messaging.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/** The problem body (RFC 9457) of an error that no controller answered: its status, title and what went wrong. */
final class ProblemBodies {

    /** The media type of a problem body. */
    static final String CONTENT_TYPE = "application/problem+json";

    private static final int MAX_DETAIL_LENGTH = 200;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemBodies() {}

    /**
     * The body, as UTF-8 JSON.
     *
     * @param status the HTTP status
     * @param message what the server said went wrong, shown for a client error only (a server error's message may name
     *     its internals)
     * @return the body
     */
    static byte[] of(int status, @Nullable String message) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail(status, title, message));
        return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    private static String detail(int status, String title, @Nullable String message) {
        if (status >= 500) {
            return status == 503 ? "The service is unavailable, try again later" : "The request could not be processed";
        }
        if (message == null || message.isBlank()) {
            return title;
        }
        String line = message.strip();
        return line.length() <= MAX_DETAIL_LENGTH ? line : line.substring(0, MAX_DETAIL_LENGTH) + "...";
    }
}
