package com.example.hub.bench;

/**
 * One measured point of the hub: a fixed offered rate of HTTP requests for a fixed time.
 *
 * @param name the point's name
 * @param kind dms, crm or crm_policy
 * @param targetRate offered requests per second
 * @param seconds how long requests were offered
 * @param requests requests scheduled
 * @param accepted answered {@code 202 Accepted}
 * @param httpErrors answered otherwise, or not at all
 * @param completed requests the journal recorded as COMPLETED
 * @param failed requests the journal recorded as FAILED
 * @param incomplete accepted requests not decided when the point's drain deadline passed
 * @param acceptedPerSecond accepted requests per second: accepted / (last 202 − first scheduled send)
 * @param completedPerSecond completed round trips per second: completed / (last completed_at − first scheduled send)
 * @param endToEnd scheduled send → the journal's completed_at (the deciding response received), completed only
 * @param httpLeg scheduled send → the load generator received the 202
 * @param hubLeg the journal's accepted_at (HTTP request received) → completed_at
 * @param usage CPU and memory while the requests were offered
 */
record PointResult(
        String name,
        String kind,
        double targetRate,
        double seconds,
        int requests,
        int accepted,
        int httpErrors,
        int completed,
        int failed,
        int incomplete,
        double acceptedPerSecond,
        double completedPerSecond,
        Latency endToEnd,
        Latency httpLeg,
        Latency hubLeg,
        Usage.Result usage) {

    /** The point's latency p99 under which the hub still keeps up, for the search of the maximum sustainable rate. */
    static final double SUSTAINABLE_P99_MS = 1000;

    /**
     * Whether the hub kept up: every request accepted and completed, completions at 97% of the offered rate or more,
     * and a p99 under {@link #SUSTAINABLE_P99_MS} (a growing backlog shows as a growing latency).
     */
    boolean sustainable() {
        return this.httpErrors == 0
                && this.failed == 0
                && this.incomplete == 0
                && this.completedPerSecond >= 0.97 * this.targetRate
                && this.endToEnd.p99() <= SUSTAINABLE_P99_MS;
    }

    /** Broker messages per round trip: request + response, and the policy look-up's two more for crm_policy. */
    int messagesPerRoundTrip() {
        return "crm_policy".equals(this.kind) ? 4 : 2;
    }
}
