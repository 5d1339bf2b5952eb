package com.example.hub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SHA-256 of an API key, the only form in which the hub keeps a key.
 *
 * @param bytes the 32 bytes of the hash
 */
record ApiKeyHash(byte[] bytes) {

    static final String PREFIX = "sha256:";

    private static final Pattern HASHED = Pattern.compile("sha256:[0-9a-f]{64}");

    private static final HexFormat HEX = HexFormat.of();

    /**
     * The hash of a configured key.
     *
     * @param configured a plain key, or {@code sha256:} and the key's hash in 64 lowercase hex digits
     * @return the hash
     * @throws IllegalArgumentException if the key starts with {@code sha256:} but is not followed by such a hash
     */
    static ApiKeyHash of(String configured) {
        if (configured.startsWith(PREFIX)) {
            if (!HASHED.matcher(configured).matches()) {
                // the value is not shown: it may be a key that happens to start with the prefix
                throw new IllegalArgumentException(
                        "An API key that starts with 'sha256:' must be followed by 64 lowercase hex digits");
            }
            return new ApiKeyHash(HEX.parseHex(configured, PREFIX.length(), configured.length()));
        }
        return ofPlain(configured);
    }

    /**
     * The hash of a key as a client presented it.
     *
     * @param key the key
     * @return its hash
     */
    static ApiKeyHash ofPlain(String key) {
        try {
            return new ApiKeyHash(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }

    /**
     * Whether this is the hash of the same key, in a time that does not depend on where the hashes differ.
     *
     * @param other the other hash
     * @return whether they are equal
     */
    boolean matches(ApiKeyHash other) {
        return MessageDigest.isEqual(this.bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeyHash hash && matches(hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(this.bytes);
    }

    /** The {@code sha256:<hex>} form, as configured. */
    @Override
    public String toString() {
        return PREFIX + HEX.formatHex(this.bytes);
    }
}
