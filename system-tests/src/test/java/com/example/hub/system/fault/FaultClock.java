package com.example.hub.system.fault;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The time line of a scenario: seconds since its load began, and what happened to the system when. */
final class FaultClock {

    private final long startNanos = System.nanoTime();

    private final List<String> events = new ArrayList<>();

    double seconds() {
        return (System.nanoTime() - this.startNanos) / 1e9;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - this.startNanos);
    }

    /** Notes what just happened, at the time it happened. */
    synchronized void note(String what) {
        this.events.add(String.format(Locale.ROOT, "%s at %.1f s", what, seconds()));
    }

    /** Waits until the scenario has run this long (a no-op when it has). */
    void awaitSecond(double second) {
        long remaining = (long) ((second - seconds()) * 1000);
        if (remaining > 0) {
            await().pollDelay(Duration.ofMillis(remaining))
                    .atMost(Duration.ofMillis(remaining + 5000))
                    .until(() -> true);
        }
    }

    synchronized String window() {
        return String.join("; ", this.events);
    }
}
