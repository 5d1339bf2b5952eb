package com.example.hub.creatio.control;

import com.example.hub.creatio.faults.FailureTarget;
import com.example.hub.creatio.faults.Faults;
import com.example.hub.creatio.faults.PendingFailures;
import com.example.hub.creatio.odata.Orders;
import com.example.hub.creatio.odata.StoredOrder;
import com.example.hub.creatio.session.Sessions;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Test controls for end-to-end tests and demos; absent (404) unless {@code fake-creatio.test-controls.enabled}. */
@RestController
@RequestMapping("/test-control")
@ConditionalOnBooleanProperty("fake-creatio.test-controls.enabled")
class TestControlController {

    private final Faults faults;
    private final Sessions sessions;
    private final Orders orders;
    private final PatchCounts patches;

    TestControlController(Faults faults, Sessions sessions, Orders orders, PatchCounts patches) {
        this.faults = faults;
        this.sessions = sessions;
        this.orders = orders;
        this.patches = patches;
    }

    @PostMapping("/failures")
    PendingFailures failNext(@RequestBody FailuresRequest request) {
        if (request.count() == null || request.count() < 0) {
            throw new IllegalArgumentException("count must be 0 or more");
        }
        if (request.status() == null || request.status() < 400 || request.status() > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status, 400 to 599");
        }
        FailureTarget target;
        try {
            target = FailureTarget.parse(request.target());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target must be one of all, login, odata");
        }
        faults.failNext(request.count(), request.status(), target);
        return faults.pendingFailures();
    }

    @GetMapping("/failures")
    PendingFailures pendingFailures() {
        return faults.pendingFailures();
    }

    @DeleteMapping("/failures")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clearFailures() {
        faults.clearFailures();
    }

    @PostMapping("/latency")
    LatencyResponse setLatency(@RequestBody LatencyRequest request) {
        if (request.millis() == null || request.millis() < 0) {
            throw new IllegalArgumentException("millis must be 0 or more");
        }
        faults.setLatency(Duration.ofMillis(request.millis()));
        return latency();
    }

    @GetMapping("/latency")
    LatencyResponse latency() {
        return new LatencyResponse(faults.latency().toMillis());
    }

    @PostMapping("/expire-sessions")
    ExpiredSessionsResponse expireSessions() {
        return new ExpiredSessionsResponse(sessions.expireAll());
    }

    @PostMapping("/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset() {
        faults.reset();
        sessions.reset();
        orders.clear();
        patches.clear();
    }

    @GetMapping("/stats")
    StatsResponse stats() {
        return new StatsResponse(
                faults.loginCalls(),
                sessions.created(),
                sessions.active(),
                faults.odataCalls(),
                faults.failuresInjected(),
                faults.pendingFailures(),
                faults.latency().toMillis(),
                orders.count());
    }

    @GetMapping("/orders")
    OrdersResponse orders() {
        return new OrdersResponse(
                orders.all().stream().map(StoredOrder::toEntity).toList());
    }

    /** Creates or replaces an order with exactly these fields, e.g. to prepare orders for strict mode. */
    @PutMapping("/orders/{id}")
    Map<String, Object> putOrder(@PathVariable String id, @RequestBody Map<String, Object> fields) {
        return orders.replace(id, fields).toEntity();
    }

    /** How often each order was patched successfully: since start, the last reset, or the patch log's beginning. */
    @GetMapping("/patches")
    PatchesResponse patches() {
        return new PatchesResponse(patches.all());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ControlError> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(new ControlError(e.getMessage()));
    }
}
