package com.example.hub.creatio.odata;

import com.example.hub.creatio.session.Session;
import com.example.hub.creatio.session.Sessions;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Creatio's checks before any OData request, in this order: a live {@code .ASPXAUTH} session (else 401); the header
 * {@code ForceUseSession: true} (else 401: Creatio would try other authentication and fail, the fake makes the header
 * required); on a write (POST, PUT, PATCH, MERGE, DELETE) a {@code BPMCSRF} header equal to the session's {@code
 * BPMCSRF} cookie (else 403). Runs before the body is read, so these errors win over bad bodies.
 */
class ODataSessionInterceptor implements HandlerInterceptor {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "MERGE", "DELETE");

    private final Sessions sessions;

    ODataSessionInterceptor(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Session session = cookie(request, ".ASPXAUTH")
                .flatMap(sessions::find)
                .orElseThrow(() ->
                        new ODataException(HttpStatus.UNAUTHORIZED, "Authorization has been denied for this request."));
        if (!"true".equalsIgnoreCase(request.getHeader("ForceUseSession"))) {
            throw new ODataException(
                    HttpStatus.UNAUTHORIZED,
                    "Authorization has been denied for this request: send the header 'ForceUseSession: true' to use"
                            + " the session of the cookies.");
        }
        if (WRITES.contains(request.getMethod()) && !session.csrfToken().equals(request.getHeader("BPMCSRF"))) {
            throw new ODataException(
                    HttpStatus.FORBIDDEN, "CSRF token validation failed: missing or invalid BPMCSRF header.");
        }
        return true;
    }

    private static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
