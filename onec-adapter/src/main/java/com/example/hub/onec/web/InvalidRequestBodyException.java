package com.example.hub.onec.web;

import com.example.hub.messaging.schema.SchemaViolation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request body that its JSON Schema ({@code hub/schemas/http/*} of common-messaging) rejects: answered {@code 400}
 * with a problem body that names each bad field and its location.
 */
public class InvalidRequestBodyException extends RuntimeException {

    private final List<SchemaViolation> violations;

    /**
     * A body that breaks its schema.
     *
     * @param schema the schema's name
     * @param violations what it gets wrong, not empty
     */
    public InvalidRequestBodyException(String schema, List<SchemaViolation> violations) {
        super("The body breaks " + schema + ": "
                + violations.stream().map(SchemaViolation::toString).collect(Collectors.joining(", ")));
        this.violations = List.copyOf(violations);
    }

    List<SchemaViolation> violations() {
        return this.violations;
    }
}
