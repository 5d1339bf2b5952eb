package com.example.hub.onec.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Bounds how many requests to {@code /send_to_*} the adapter works on at once ({@code onec.max-concurrent-sends}):
 * each holds its body, a journal transaction and a wait for the broker's confirm, so while the broker or the journal
 * is slow an unbounded number of them would fill the heap. One beyond the bound is answered 503 with
 * {@code Retry-After} before its body is read: nothing was recorded or sent, and 1C sends it again later.
 * {@link WebConfiguration} puts it in front of {@code /send_to_*}.
 */
class SendLimitInterceptor implements HandlerInterceptor {

    private static final String HOLDS_PERMIT = SendLimitInterceptor.class.getName() + ".permit";

    private final Semaphore permits;

    private final int limit;

    SendLimitInterceptor(int limit) {
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!this.permits.tryAcquire()) {
            throw new TooManySendsException(this.limit);
        }
        request.setAttribute(HOLDS_PERMIT, Boolean.TRUE);
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
        if (request.getAttribute(HOLDS_PERMIT) != null) {
            request.removeAttribute(HOLDS_PERMIT);
            this.permits.release();
        }
    }
}
