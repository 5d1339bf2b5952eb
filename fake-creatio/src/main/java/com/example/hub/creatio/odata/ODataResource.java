package com.example.hub.creatio.odata;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The resource segment of an OData URL: an entity set, e.g. {@code Order}, or one entity by its key, e.g. {@code
 * Order(3fa85f64-5717-4562-b3fc-2c963f66afa6)}. Creatio's keys are GUIDs, written without quotes; any other key
 * (a number such as {@code ORD9876}, a quoted string) answers 400.
 *
 * @param entitySet e.g. {@code Order}
 * @param key the key, or {@code null} for the whole entity set
 */
record ODataResource(String entitySet, UUID key) {

    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)(?:\\((.*)\\))?");
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static ODataResource parse(String segment) {
        Matcher matcher = SEGMENT.matcher(segment);
        if (!matcher.matches()) {
            throw notFound(segment);
        }
        String rawKey = matcher.group(2);
        if (rawKey == null) {
            return new ODataResource(matcher.group(1), null);
        }
        if (!GUID.matcher(rawKey).matches()) {
            throw new ODataException(
                    HttpStatus.BAD_REQUEST,
                    "The key value '" + rawKey + "' in the request URI is not valid: the key of '" + matcher.group(1)
                            + "' is of type 'Edm.Guid', e.g. " + matcher.group(1)
                            + "(3fa85f64-5717-4562-b3fc-2c963f66afa6).");
        }
        return new ODataResource(matcher.group(1), UUID.fromString(rawKey));
    }

    static ODataException notFound(String segment) {
        return new ODataException(HttpStatus.NOT_FOUND, "Resource not found for the segment '" + segment + "'.");
    }

    boolean isEntity() {
        return key != null;
    }
}
