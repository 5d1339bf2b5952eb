package com.example.hub.creatio.faults;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** What the test controls set (injected failures, latency) and what they count. Thread-safe. */
@Component
public class Faults {

    private final AtomicReference<PendingFailures> pending = new AtomicReference<>(PendingFailures.NONE);
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicLong loginCalls = new AtomicLong();
    private final AtomicLong odataCalls = new AtomicLong();
    private final AtomicLong failuresInjected = new AtomicLong();

    /** The next {@code count} calls hit by {@code target} answer {@code status}; replaces earlier failures. */
    public void failNext(int count, int status, FailureTarget target) {
        pending.set(count == 0 ? PendingFailures.NONE : new PendingFailures(count, status, target));
    }

    public PendingFailures pendingFailures() {
        return pending.get();
    }

    public void clearFailures() {
        pending.set(PendingFailures.NONE);
    }

    public void setLatency(Duration latency) {
        this.latency.set(latency);
    }

    public Duration latency() {
        return latency.get();
    }

    void recordCall(CallKind kind) {
        (kind == CallKind.LOGIN ? loginCalls : odataCalls).incrementAndGet();
    }

    /** Takes one pending failure for this call, if one applies: the status to answer with. */
    OptionalInt takeFailure(CallKind kind) {
        PendingFailures before = pending.getAndUpdate(
                current -> current.remaining() > 0 && current.target().hits(kind)
                        ? (current.remaining() == 1
                                ? PendingFailures.NONE
                                : new PendingFailures(current.remaining() - 1, current.status(), current.target()))
                        : current);
        if (before.remaining() > 0 && before.target().hits(kind)) {
            failuresInjected.incrementAndGet();
            return OptionalInt.of(before.status());
        }
        return OptionalInt.empty();
    }

    public long loginCalls() {
        return loginCalls.get();
    }

    public long odataCalls() {
        return odataCalls.get();
    }

    public long failuresInjected() {
        return failuresInjected.get();
    }

    public void reset() {
        pending.set(PendingFailures.NONE);
        latency.set(Duration.ZERO);
        loginCalls.set(0);
        odataCalls.set(0);
        failuresInjected.set(0);
    }
}
