package com.example.hub.messaging.envelope;

import java.util.Locale;

/** The hub's JSON speaks snake_case: error messages name fields as senders wrote them. */
public final class FieldNames {

    private FieldNames() {}

    /**
     * The JSON name of a Java property: {@code requestId} becomes {@code request_id}; a nested path keeps its dots.
     *
     * @param property a Java property name or path
     * @return its snake_case form
     */
    public static String snakeCase(String property) {
        return property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
