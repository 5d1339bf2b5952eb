package com.example.hub.testsupport.security;

/**
 * The API keys of the tests' clients, the same in every app: each app's {@code src/test/resources/
 * application.properties} configures them for its tests (test values, not secrets).
 */
public final class TestApiKeys {

    /** The header that carries a key. */
    public static final String HEADER = "X-API-Key";

    /** 1C's key: SEND and READ. */
    public static final String ONEC_KEY = "test-1c-key-for-the-module-tests";

    /** The reader's key: READ; configured as its {@code sha256:} hash. */
    public static final String READER_KEY = "test-reader-key-for-the-module-tests";

    /** The operator's key: OPERATOR and READ. */
    public static final String OPERATOR_KEY = "test-operator-key-for-the-module-tests";

    private TestApiKeys() {}
}
