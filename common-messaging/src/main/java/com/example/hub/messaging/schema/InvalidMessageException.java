package com.example.hub.messaging.schema;

import com.example.hub.messaging.failure.PermanentMessageException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A message that its JSON Schema rejects. Received, it is a permanent failure: dead-lettered at once, with this
 * exception's message, which names every violation, as the reason. About to be published, it is a bug of the
 * publisher: the message is not sent.
 */
public class InvalidMessageException extends PermanentMessageException {

    private final String schema;

    private final List<SchemaViolation> violations;

    /**
     * A message that breaks its schema.
     *
     * @param what what the message is, for the text: {@code message}, {@code product event}
     * @param schema the name of the schema it breaks, such as {@code envelope}
     * @param violations what it gets wrong, not empty
     */
    public InvalidMessageException(String what, String schema, List<SchemaViolation> violations) {
        super("Invalid " + what + ": "
                + violations.stream().map(SchemaViolation::toString).collect(Collectors.joining(", ")));
        this.schema = schema;
        this.violations = List.copyOf(violations);
    }

    /**
     * The schema the message breaks.
     *
     * @return its name, such as {@code envelope} or {@code odoo/product_event}
     */
    public String schema() {
        return this.schema;
    }

    /**
     * What the message gets wrong, in the order of their locations.
     *
     * @return the violations
     */
    public List<SchemaViolation> violations() {
        return this.violations;
    }
}
