package com.example.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a request without a valid API key 401, and one whose client lacks the role 403, each with an RFC 9457
 * problem body ({@code application/problem+json}). A missing key and an unknown one get the same answer.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The {@code type} of the 401 answer. */
    public static final URI UNAUTHORIZED = URI.create("https://hub.example.com/problems/unauthorized");

    /** The {@code type} of the 403 answer. */
    public static final URI FORBIDDEN = URI.create("https://hub.example.com/problems/forbidden");

    private final JsonMapper json;

    /**
     * Problems written with a JSON mapper.
     *
     * @param json the mapper
     */
    public SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException authException)
            throws IOException {
        // a challenge that names the scheme, not Basic: no browser pop-up
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeyAuthenticationConverter.HEADER + "\"");
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                UNAUTHORIZED,
                "Unauthorized",
                "A valid API key in the " + ApiKeyAuthenticationConverter.HEADER + " header is needed");
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException accessDeniedException)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", "This client may not use this endpoint");
    }

    private void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            URI type,
            String title,
            String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(this.json.writeValueAsBytes(problem));
    }
}
