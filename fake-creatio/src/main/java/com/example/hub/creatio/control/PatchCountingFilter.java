package com.example.hub.creatio.control;

import com.example.hub.creatio.CreatioPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/** Counts every {@code PATCH Order(key)} that Creatio answers with success, in {@link PatchCounts}. */
@Component
@ConditionalOnBooleanProperty("fake-creatio.test-controls.enabled")
class PatchCountingFilter extends OncePerRequestFilter {

    private static final Pattern ORDER = Pattern.compile("/Order\\('?([A-Za-z0-9_-]+)'?\\)");

    private final PatchCounts counts;

    PatchCountingFilter(PatchCounts counts) {
        this.counts = counts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"PATCH".equals(request.getMethod()) || orderOf(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if (response.getStatus() >= 200 && response.getStatus() < 300) {
            this.counts.patched(orderOf(request));
        }
    }

    private static String orderOf(HttpServletRequest request) {
        String path = UriUtils.decode(
                request.getRequestURI().substring(request.getContextPath().length()), StandardCharsets.UTF_8);
        if (!path.startsWith(CreatioPaths.ODATA + "/")) {
            return null;
        }
        Matcher matcher = ORDER.matcher(path.substring(CreatioPaths.ODATA.length()));
        return matcher.matches() ? matcher.group(1) : null;
    }
}
