package com.example.hub.creatio.control;

import com.example.hub.creatio.faults.FailureTarget;
import com.example.hub.creatio.faults.Faults;
import com.example.hub.creatio.faults.PendingFailures;
import com.example.hub.creatio.odata.OrderChanges;
import com.example.hub.creatio.odata.OrderStatuses;
import com.example.hub.creatio.odata.Orders;
import com.example.hub.creatio.odata.StoredOrder;
import com.example.hub.creatio.session.Sessions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
    private final OrderStatuses statuses;
    private final OrderChanges changes;

    TestControlController(
            Faults faults,
            Sessions sessions,
            Orders orders,
            PatchCounts patches,
            OrderStatuses statuses,
            OrderChanges changes) {
        this.faults = faults;
        this.sessions = sessions;
        this.orders = orders;
        this.patches = patches;
        this.statuses = statuses;
        this.changes = changes;
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
        orders.reset();
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
        return new OrdersResponse(orders.all().stream().map(orders::describe).toList());
    }

    /**
     * Creates or replaces the order of this number (every order of this number gives way to one) with a new order's
     * columns and these, e.g. to prepare orders for strict mode. The body: columns of {@code Order} as a PATCH takes
     * them, an optional {@code Id} (else the existing order's, else a new GUID), and {@code "Status":"<name>"} for
     * {@code StatusId}.
     */
    @PutMapping("/orders/{number}")
    Map<String, Object> putOrder(@PathVariable String number, @RequestBody Map<String, Object> fields) {
        Map<String, Object> columns = new LinkedHashMap<>(fields);
        UUID id = id(columns.remove("Id"))
                .or(() -> orders.withNumber(number).stream().findFirst().map(StoredOrder::id))
                .orElseGet(UUID::randomUUID);
        columns.remove("Number");
        return orders.describe(orders.replace(number, id, checked(columns, id)));
    }

    /**
     * Creates one more order, even when another has its number (to give a number to two orders). The body as for
     * {@code PUT}, with its {@code Number}.
     */
    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> addOrder(@RequestBody Map<String, Object> fields) {
        Map<String, Object> columns = new LinkedHashMap<>(fields);
        UUID id = id(columns.remove("Id")).orElseGet(UUID::randomUUID);
        if (!(columns.remove("Number") instanceof String number) || number.isBlank()) {
            throw new IllegalArgumentException("Number is required");
        }
        return orders.describe(orders.create(id, number, checked(columns, id)));
    }

    private Map<String, Object> checked(Map<String, Object> columns, UUID id) {
        Object status = columns.remove("Status");
        if (status != null) {
            columns.put(
                    "StatusId",
                    statuses.named(String.valueOf(status))
                            .orElseThrow(() -> new IllegalArgumentException("No order status named '" + status
                                    + "'; the statuses: "
                                    + statuses.all().stream()
                                            .map(OrderStatuses.OrderStatus::name)
                                            .toList()))
                            .id()
                            .toString());
        }
        return changes.columns(columns, id);
    }

    private static Optional<UUID> id(Object id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id.toString()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Id must be a GUID");
        }
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
