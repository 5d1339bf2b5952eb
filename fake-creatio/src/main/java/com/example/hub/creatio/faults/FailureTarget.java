package com.example.hub.creatio.faults;

import java.util.Locale;

/** Which calls an injected failure hits. */
public enum FailureTarget {
    ALL,
    LOGIN,
    ODATA;

    boolean hits(CallKind kind) {
        return this == ALL || name().equals(kind.name());
    }

    /** Parses {@code all}, {@code login} or {@code odata} in any case; {@code null} means {@link #ALL}. */
    public static FailureTarget parse(String value) {
        return value == null ? ALL : valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
