package com.example.hub.creatio.faults;

import com.example.hub.creatio.CreatioPaths;
import com.example.hub.creatio.odata.ODataError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/** Counts the Creatio calls (login, OData), delays them and fails them as the test controls say. */
@Component
class CreatioCallFilter extends OncePerRequestFilter {

    private final Faults faults;
    private final JsonMapper jsonMapper;

    CreatioCallFilter(Faults faults, JsonMapper jsonMapper) {
        this.faults = faults;
        this.jsonMapper = jsonMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return kind(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CallKind kind = kind(request);
        faults.recordCall(kind);
        delay(faults.latency());
        OptionalInt failure = faults.takeFailure(kind);
        if (failure.isPresent()) {
            response.setStatus(failure.getAsInt());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write(jsonMapper.writeValueAsString(ODataError.of(
                            "Failure injected by fake-creatio test controls (HTTP " + failure.getAsInt() + ").")));
            return;
        }
        chain.doFilter(request, response);
    }

    private static CallKind kind(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(CreatioPaths.LOGIN)) {
            return CallKind.LOGIN;
        }
        if (path.equals(CreatioPaths.ODATA) || path.startsWith(CreatioPaths.ODATA + "/")) {
            return CallKind.ODATA;
        }
        return null;
    }

    /** Simulates a slow Creatio: the server thread waits, the way a slow backend keeps a request open. */
    private static void delay(Duration latency) {
        if (latency.isPositive()) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
