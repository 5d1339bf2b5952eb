package com.example.hub.onec.web;

import com.example.hub.onec.OnecProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bounds how many requests to {@code /send_to_*} the adapter works on at once ({@code onec.max-concurrent-sends}):
 * each holds its body, a journal transaction and a wait for the broker's confirm, so while the broker or the journal
 * is slow an unbounded number of them would fill the heap. One beyond the bound is answered 503 with
 * {@code Retry-After} before its body is read: nothing was recorded or sent, and 1C sends it again later.
 */
@Configuration(proxyBeanMethods = false)
class SendLimit implements WebMvcConfigurer, HandlerInterceptor {

    private static final String HOLDS_PERMIT = SendLimit.class.getName() + ".permit";

    private final Semaphore permits;

    private final int limit;

    SendLimit(OnecProperties properties) {
        this.limit = properties.maxConcurrentSends();
        this.permits = new Semaphore(this.limit);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/send_to_*");
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
