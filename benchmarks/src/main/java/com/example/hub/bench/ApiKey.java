package com.example.hub.bench;

import java.util.Objects;
import java.util.UUID;

/**
 * The 1C API key of a benchmark run: a new one per run, given to the apps and sent with every request of 1C. The
 * runner makes it; the load generator, a process of its own, gets it from the runner in {@link #ENVIRONMENT}.
 */
final class ApiKey {

    static final String HEADER = "X-API-Key";

    static final String ENVIRONMENT = "BENCH_1C_API_KEY";

    static final String VALUE = Objects.requireNonNullElseGet(
            System.getenv(ENVIRONMENT),
            () -> "bench-1c-" + UUID.randomUUID().toString().replace("-", "")
                    + UUID.randomUUID().toString().replace("-", ""));

    private ApiKey() {}
}
