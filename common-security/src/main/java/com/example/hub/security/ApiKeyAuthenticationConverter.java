package com.example.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/** Reads the API key of a request from its {@value #HEADER} header. */
public final class ApiKeyAuthenticationConverter implements AuthenticationConverter {

    /** The header that carries a client's API key. */
    public static final String HEADER = "X-API-Key";

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        String key = request.getHeader(HEADER);
        // no header: the request goes on unauthenticated and is answered 401 wherever a role is needed
        return key == null ? null : ApiKeyAuthenticationToken.unauthenticated(key.strip());
    }
}
