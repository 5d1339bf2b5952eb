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

    /** The reader's next key: READ, beside {@link #READER_KEY} while the reader changes over to it. */
    public static final String READER_NEXT_KEY = "test-reader-next-key-for-the-module-tests";

    /**
     * A test property that configures the reader with two keys at once: {@link #READER_KEY} as its {@code sha256:}
     * hash and {@link #READER_NEXT_KEY} plain, as while the reader changes over. For {@code @SpringBootTest}'s
     * properties.
     */
    public static final String READER_WITH_TWO_KEYS = "hub.security.clients.reader.keys="
            + "sha256:554873f7a9f5dc7e0f9ebe2bf0ee0efeb8b62acff83bb523a5d23b826088d942,"
            + READER_NEXT_KEY;

    /** The operator's key: OPERATOR and READ. */
    public static final String OPERATOR_KEY = "test-operator-key-for-the-module-tests";

    private TestApiKeys() {}
}
