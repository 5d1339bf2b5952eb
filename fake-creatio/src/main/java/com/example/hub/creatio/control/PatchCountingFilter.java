package com.example.hub.creatio.control;

import com.example.hub.creatio.CreatioPaths;
import com.example.hub.creatio.odata.Orders;
import com.example.hub.creatio.odata.StoredOrder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.UriUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts every {@code PATCH Order(<guid>)} that the fake answers with success, by the order's {@code Number} (its GUID
 * when it has none) and the names of the columns it set, in {@link PatchCounts}.
 */
@Component
@ConditionalOnBooleanProperty("fake-creatio.test-controls.enabled")
class PatchCountingFilter extends OncePerRequestFilter {

    private static final Pattern ORDER = Pattern.compile(
            "/Order\\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\)");

    private final PatchCounts counts;

    private final JsonMapper jsonMapper;

    private final Orders orders;

    PatchCountingFilter(PatchCounts counts, JsonMapper jsonMapper, Orders orders) {
        this.counts = counts;
        this.jsonMapper = jsonMapper;
        this.orders = orders;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"PATCH".equals(request.getMethod()) || orderOf(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingRequestWrapper body = new ContentCachingRequestWrapper(request, 1 << 20);
        chain.doFilter(body, response);
        if (response.getStatus() >= 200 && response.getStatus() < 300) {
            UUID id = UUID.fromString(orderOf(request));
            String number = this.orders.find(id).map(StoredOrder::number).orElse(id.toString());
            this.counts.patched(number, fieldsOf(body.getContentAsByteArray()));
        }
    }

    /** The names of the fields a patch set, sorted and joined by commas. */
    private String fieldsOf(byte[] body) {
        try {
            Set<String> names = new TreeSet<>();
            this.jsonMapper.readTree(body).propertyNames().forEach(names::add);
            return String.join(",", names);
        } catch (JacksonException ex) {
            return "?";
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
