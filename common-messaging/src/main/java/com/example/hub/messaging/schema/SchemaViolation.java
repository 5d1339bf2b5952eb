package com.example.hub.messaging.schema;

/**
 * One thing a JSON document gets wrong by its schema.
 *
 * @param location the JSON pointer of the value at fault, such as {@code /payload/email}; of a missing property, where
 *     it would be; {@code ""} for the document as a whole
 * @param message what is wrong with it, such as {@code must not be blank}
 * @param keyword the schema keyword that failed, such as {@code required} or {@code pattern}
 */
public record SchemaViolation(String location, String message, String keyword) {

    /**
     * The location as a dotted path of field names, as the hub's error messages name fields: {@code payload.email};
     * {@code body} for the document as a whole.
     *
     * @return the field's path
     */
    public String field() {
        if (location.isEmpty()) {
            return "body";
        }
        return location.substring(1).replace("~1", "/").replace("~0", "~").replace('/', '.');
    }

    @Override
    public String toString() {
        return field() + " " + message;
    }
}
