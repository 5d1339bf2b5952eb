package com.example.hub.onec.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** When an HTTP request arrived, as {@link RequestBodyLimitFilter} noted it before anything else ran. */
public final class ReceivedAt {

    static final String ATTRIBUTE = ReceivedAt.class.getName();

    private ReceivedAt() {}

    /**
     * When a request arrived, to the millisecond.
     *
     * @param request the request
     * @return its arrival time, or now if it was not noted
     */
    public static Instant of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Instant receivedAt
                ? receivedAt
                : Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static void note(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
