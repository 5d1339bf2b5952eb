package com.example.hub.messaging.schema;

import com.example.hub.messaging.failure.PermanentMessageException;
import java.util.List;

/**
 * A received envelope of a schema version ({@code schema_version}) that this consumer does not read: a permanent
 * failure, dead-lettered at once with this exception's message as the reason.
 */
public class UnsupportedSchemaVersionException extends PermanentMessageException {

    private final String version;

    private final List<Integer> supportedVersions;

    /**
     * An envelope of a version outside the supported ones.
     *
     * @param version the envelope's {@code schema_version}, as it was written
     * @param supportedVersions the versions this consumer reads, in ascending order
     */
    public UnsupportedSchemaVersionException(String version, List<Integer> supportedVersions) {
        super("schema_version " + version + " is not supported; this consumer reads " + describe(supportedVersions));
        this.version = version;
        this.supportedVersions = List.copyOf(supportedVersions);
    }

    /**
     * The envelope's version.
     *
     * @return its {@code schema_version} as it was written
     */
    public String version() {
        return this.version;
    }

    /**
     * The versions this consumer reads.
     *
     * @return them, in ascending order
     */
    public List<Integer> supportedVersions() {
        return this.supportedVersions;
    }

    /** {@code 1}, {@code 1–3} for a run, {@code 1, 3} otherwise. */
    static String describe(List<Integer> versions) {
        int first = versions.getFirst();
        int last = versions.getLast();
        if (versions.size() == 1) {
            return String.valueOf(first);
        }
        if (last - first + 1 == versions.size()) {
            return first + "–" + last;
        }
        return String.join(", ", versions.stream().map(String::valueOf).toList());
    }
}
