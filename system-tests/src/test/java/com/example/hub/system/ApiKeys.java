package com.example.hub.system;

import java.util.Map;
import java.util.UUID;

/**
 * The API keys of a test's stack: new ones in every test run, given to the apps as the environment does in a
 * deployment ({@code HUB_API_KEYS_*}), and sent by the tests' clients in {@link #HEADER}.
 */
public final class ApiKeys {

    /** The header a client sends its key in. */
    public static final String HEADER = "X-API-Key";

    /** The key of 1C: sends requests and reads the journal. */
    public static final String ONEC = "test-1c-" + random();

    /** The key of an operator: reads every app's data and its actuator endpoints. */
    public static final String OPERATOR = "test-operator-" + random();

    /** The key of a reader: reads every app's data. */
    public static final String READER = "test-reader-" + random();

    private ApiKeys() {}

    /**
     * The apps' settings of these keys.
     *
     * @return environment variables and their values
     */
    public static Map<String, String> environment() {
        return Map.of("HUB_API_KEYS_1C", ONEC, "HUB_API_KEYS_OPERATOR", OPERATOR, "HUB_API_KEYS_READER", READER);
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "")
                + UUID.randomUUID().toString().replace("-", "");
    }
}
