package com.example.hub.creatio.odata;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An order as the fake keeps it: the fields set through PATCH (values as parsed from JSON, nulls allowed).
 *
 * @param id the key, e.g. {@code ORD9876}
 * @param fields the stored fields, e.g. {@code Status -> {Name=Shipped}}
 * @param createdOn when the order was created
 * @param modifiedOn when it was last changed
 */
public record StoredOrder(String id, Map<String, Object> fields, Instant createdOn, Instant modifiedOn) {

    public StoredOrder {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    StoredOrder merge(Map<String, Object> changes, Instant now) {
        Map<String, Object> merged = new LinkedHashMap<>(fields);
        merged.putAll(changes);
        return new StoredOrder(id, merged, createdOn, now);
    }

    /** The order as Creatio's OData answers it: {@code Id}, {@code Status}, the other fields, the dates. */
    public Map<String, Object> toEntity() {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("Id", id);
        entity.put("Status", fields.get("Status"));
        entity.putAll(fields);
        entity.put("CreatedOn", createdOn.toString());
        entity.put("ModifiedOn", modifiedOn.toString());
        return entity;
    }
}
