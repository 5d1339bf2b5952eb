package com.example.hub.creatio.control;

import com.example.hub.creatio.faults.PendingFailures;

/**
 * Body of {@code GET /test-control/stats}, counted since start or the last reset.
 *
 * @param loginCalls calls to the login endpoint, failed ones included
 * @param successfulLogins logins that created a session
 * @param activeSessions sessions alive now
 * @param odataCalls calls to {@code /0/odata/**}, failed ones included
 * @param failuresInjected calls answered with an injected failure
 * @param pendingFailures failures still to be injected
 * @param latencyMillis the delay added to every Creatio call
 * @param orders orders stored
 */
record StatsResponse(
        long loginCalls,
        long successfulLogins,
        int activeSessions,
        long odataCalls,
        long failuresInjected,
        PendingFailures pendingFailures,
        long latencyMillis,
        int orders) {}
