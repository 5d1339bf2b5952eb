package com.example.hub.messaging.envelope;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.PropertyNamingStrategy;

/** The hub's JSON speaks snake_case: error messages name fields as senders wrote them. */
public final class FieldNames {

    private static final PropertyNamingStrategy SNAKE_CASE = PropertyNamingStrategies.SNAKE_CASE;

    /** A Java identifier in a property path, between its dots and index brackets. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private FieldNames() {}

    /**
     * The JSON name of a Java property, as Jackson's snake_case strategy writes it (the strategy names a field by its
     * name alone: it needs neither the mapper's configuration nor the field): {@code requestId} becomes {@code
     * request_id}; a nested path keeps its dots and indices.
     *
     * @param property a Java property name or path
     * @return its snake_case form
     */
    public static String snakeCase(String property) {
        Matcher names = NAME.matcher(property);
        StringBuilder json = new StringBuilder(property.length() + 8);
        while (names.find()) {
            names.appendReplacement(json, Matcher.quoteReplacement(SNAKE_CASE.nameForField(null, null, names.group())));
        }
        return names.appendTail(json).toString();
    }
}
