package com.example.hub.creatio.odata;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The resource segment of an OData URL, e.g. {@code Order}, {@code Order(ORD9876)} or {@code Order('ORD9876')}.
 * Creatio's keys are GUIDs; the fake accepts any key of letters, digits, {@code -} and {@code _}, quoted or not.
 *
 * @param entitySet e.g. {@code Order}
 * @param key the key without quotes, or {@code null} for the whole entity set
 */
record ODataResource(String entitySet, String key) {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)(?:\\((.*)\\))?");
    private static final Pattern KEY = Pattern.compile("'([A-Za-z0-9_-]+)'|([A-Za-z0-9_-]+)");

    static ODataResource parse(String segment) {
        Matcher matcher = SEGMENT.matcher(segment);
        if (!matcher.matches()) {
            throw notFound(segment);
        }
        String rawKey = matcher.group(2);
        if (rawKey == null) {
            return new ODataResource(matcher.group(1), null);
        }
        Matcher key = KEY.matcher(rawKey);
        if (!key.matches()) {
            throw new ODataException(
                    HttpStatus.BAD_REQUEST, "The key value '" + rawKey + "' in the request URI is not valid.");
        }
        return new ODataResource(matcher.group(1), key.group(1) != null ? key.group(1) : key.group(2));
    }

    static ODataException notFound(String segment) {
        return new ODataException(HttpStatus.NOT_FOUND, "Resource not found for the segment '" + segment + "'.");
    }

    boolean isEntity() {
        return key != null;
    }
}
