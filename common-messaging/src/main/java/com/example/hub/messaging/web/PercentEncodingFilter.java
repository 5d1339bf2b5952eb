package com.example.hub.messaging.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns away a request whose path is not validly percent-encoded ({@code %} not followed by two hex digits) with 400,
 * before anything parses it: Tomcat passes such a sequence in a path parameter ({@code /send_to_crm;x=%zz}), on which
 * Spring MVC's path parsing would fail with a server error.
 */
final class PercentEncodingFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!validlyEncoded(request.getRequestURI())) {
            response.sendError(
                    HttpServletResponse.SC_BAD_REQUEST,
                    "The request target is not validly percent-encoded: each % must be followed by two hex digits");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean validlyEncoded(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            if (uri.charAt(i) == '%' && (i + 2 >= uri.length() || !hex(uri.charAt(i + 1)) || !hex(uri.charAt(i + 2)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
