package com.example.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the API key of a request from its {@value #HEADER} header, or from {@code Authorization: Bearer <key>}: the
 * standard credential that a client such as Prometheus sends ({@code authorization: credentials_file:}), where it
 * cannot set a header of its own. Both carry the same keys, with the same roles. A request with both must carry the
 * same key in each: two different keys are refused (401), whichever of them is valid.
 */
public final class ApiKeyAuthenticationConverter implements AuthenticationConverter {

    /** The header that carries a client's API key. */
    public static final String HEADER = "X-API-Key";

    /** The scheme of the {@code Authorization} header that carries a client's API key too (RFC 6750's token). */
    public static final String BEARER = "Bearer";

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        String key = header == null ? null : header.strip();
        String bearer = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (key != null && bearer != null && !sameKey(key, bearer)) {
            // which one the client meant is not for the hub to guess
            throw new BadCredentialsException("Two different API keys in " + HEADER + " and Authorization");
        }
        String presented = key != null ? key : bearer;
        // no key: the request goes on unauthenticated and is answered 401 wherever a role is needed
        return presented == null ? null : ApiKeyAuthenticationToken.unauthenticated(presented);
    }

    /** The token of {@code Bearer <token>} (the scheme's name in any case); null for no header or another scheme. */
    private static @Nullable String bearer(@Nullable String authorization) {
        if (authorization == null
                || authorization.length() < BEARER.length() + 1
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !Character.isWhitespace(authorization.charAt(BEARER.length()))) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }

    /** Compared in a time that does not depend on where the keys differ. */
    private static boolean sameKey(String one, String other) {
        return MessageDigest.isEqual(one.getBytes(StandardCharsets.UTF_8), other.getBytes(StandardCharsets.UTF_8));
    }
}
