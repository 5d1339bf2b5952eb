package com.example.hub.creatio.odata;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An order as the fake keeps it.
 *
 * @param id its key, a GUID
 * @param columns the values of its writable columns ({@code Number}, {@code StatusId}, {@code Comment}, {@code
 *     Amount}, the custom columns), as parsed from JSON ({@code StatusId} as a string); a column not set is absent
 * @param createdOn when the order was created
 * @param modifiedOn when it was last changed
 */
public record StoredOrder(UUID id, Map<String, Object> columns, Instant createdOn, Instant modifiedOn) {

    public StoredOrder {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** Its {@code Number}, which the 1C order id is. */
    public String number() {
        return columns.get("Number") instanceof String number ? number : null;
    }

    StoredOrder merge(Map<String, Object> changes, Instant now) {
        Map<String, Object> merged = new LinkedHashMap<>(columns);
        merged.putAll(changes);
        return new StoredOrder(id, merged, createdOn, now);
    }

    /** The order as Creatio's OData answers it: every property of the type, in its order. */
    Map<String, Object> toEntity(EntityType type) {
        Map<String, Object> entity = new LinkedHashMap<>();
        for (EntityType.Property property : type.properties()) {
            entity.put(property.name(), value(property.name()));
        }
        return entity;
    }

    private Object value(String name) {
        return switch (name) {
            case "Id" -> id.toString();
            case "CreatedOn" -> createdOn.toString();
            case "ModifiedOn" -> modifiedOn.toString();
            default -> columns.get(name);
        };
    }
}
