package com.example.hub.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything a run measured, as {@code results.json} holds it (snake_case); {@link Report} writes it.
 *
 * @param startedAt when the run started
 * @param finishedAt when it ended
 * @param wallSeconds how long it took
 * @param mode quick or full
 * @param plan what it was to do
 * @param machine the machine
 * @param settings the stack's settings (.env, .env.example, the environment), without passwords
 * @param otherProcessesBeforeStart what else was busy when it started
 * @param startup how long the stack took to become healthy
 * @param springStarted Spring Boot's own start-up figures, per app
 * @param rssIdleMb each app's resident memory at idle, MiB
 * @param messageBytes the mean body size of the hub's messages by routing key, and {@code hub_mean}
 * @param points the measured points of the hub
 * @param dmsMaxSustainable the name of the highest sustainable 1C → DMS point
 * @param crashes apps that died during a point (and were started again)
 * @param profile the profiling pass
 * @param perftest PerfTest's runs at the hub's broker load and unlimited
 * @param soindiDrain SOINDI draining a backlog
 * @param perftestDrain PerfTest draining a backlog of the same size
 * @param error what stopped the run, if something did
 */
record Results(
        String startedAt,
        String finishedAt,
        long wallSeconds,
        String mode,
        BenchmarkRun.Plan plan,
        Machine machine,
        Map<String, String> settings,
        List<String> otherProcessesBeforeStart,
        Stack.Startup startup,
        Map<String, Stack.SpringStarted> springStarted,
        Map<String, Double> rssIdleMb,
        Map<String, Long> messageBytes,
        List<PointResult> points,
        String dmsMaxSustainable,
        List<Crash> crashes,
        Profile profile,
        List<PerfTest.Result> perftest,
        SoindiDrain.Result soindiDrain,
        PerfTest.Result perftestDrain,
        String error) {

    /** An app that died during a point, with the end of its log. */
    record Crash(String point, String app, List<String> logTail) {}
}
