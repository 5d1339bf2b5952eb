package com.example.hub.bench;

import java.util.UUID;

/** The 1C API key of a benchmark run: a new one per run, given to the apps and sent with every request of 1C. */
final class ApiKey {

    static final String HEADER = "X-API-Key";

    static final String VALUE = "bench-1c-" + UUID.randomUUID().toString().replace("-", "")
            + UUID.randomUUID().toString().replace("-", "");

    private ApiKey() {}
}
