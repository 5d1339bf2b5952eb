package com.example.hub.creatio.odata;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks the body of a PATCH of an order as Creatio would: a JSON object of columns of {@code Order}. A
 * lookup is set through its id column ({@code StatusId}) to the GUID of a row of its lookup; a navigation property
 * ({@code {"Status":{...}}}), an unknown column, a value of the wrong type or an unknown status answer 400.
 */
@Component
public class OrderChanges {

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    private final ODataModel model;
    private final OrderStatuses statuses;
    private final JsonMapper jsonMapper;

    OrderChanges(ODataModel model, OrderStatuses statuses, JsonMapper jsonMapper) {
        this.model = model;
        this.statuses = statuses;
        this.jsonMapper = jsonMapper;
    }

    /** The body as a JSON object, or 400. */
    Map<String, Object> read(String body) {
        if (body == null || body.isBlank()) {
            throw badRequest("The request body is empty; a JSON object is expected.");
        }
        try {
            return jsonMapper.readValue(body, OBJECT);
        } catch (JacksonException e) {
            throw badRequest("The request body is not a valid JSON object: " + e.getOriginalMessage());
        }
    }

    /**
     * The columns to set, checked.
     *
     * @param fields the body's fields
     * @param key the order's key, which an {@code Id} in the body must repeat
     * @return the columns, with {@code Amount} as a {@link BigDecimal}
     */
    public Map<String, Object> columns(Map<String, Object> fields, UUID key) {
        EntityType order = model.order();
        Map<String, Object> columns = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name.startsWith("@odata.")) {
                return;
            }
            if (order.navigations().containsKey(name)) {
                throw badRequest("The property '" + name + "' is a navigation property of type '"
                        + order.qualifiedName() + "' and cannot be set in a PATCH; set its id column '"
                        + order.navigations().get(name).idProperty() + "' to the Id of a row of '"
                        + order.navigations().get(name).target() + "'.");
            }
            EntityType.Property property = order.property(name).orElseThrow(() -> order.unknownProperty(name));
            if (name.equals("Id")) {
                if (!(value instanceof String id) || !id.equalsIgnoreCase(key.toString())) {
                    throw badRequest("The key property 'Id' cannot be changed.");
                }
                return;
            }
            if (!property.writable()) {
                throw badRequest("The property '" + name + "' of type '" + order.qualifiedName()
                        + "' is set by the server and cannot be changed.");
            }
            columns.put(name, value(property, value));
        });
        return columns;
    }

    private Object value(EntityType.Property property, Object value) {
        if (value == null) {
            if (!property.nullable()) {
                throw badRequest("The property '" + property.name() + "' cannot be null.");
            }
            return null;
        }
        return switch (property.edmType()) {
            case "Edm.Guid" -> status(property, value);
            case "Edm.Decimal" -> {
                if (!(value instanceof Number number)) {
                    throw wrongType(property, value);
                }
                yield new BigDecimal(number.toString());
            }
            default -> {
                if (!(value instanceof String)) {
                    throw wrongType(property, value);
                }
                yield value;
            }
        };
    }

    private String status(EntityType.Property property, Object value) {
        UUID id;
        try {
            id = UUID.fromString(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw wrongType(property, value);
        }
        if (!(value instanceof String) || statuses.find(id).isEmpty()) {
            throw badRequest("The value '" + value + "' of '" + property.name()
                    + "' is not the Id of any row of 'OrderStatus'.");
        }
        return id.toString();
    }

    private static ODataException wrongType(EntityType.Property property, Object value) {
        return badRequest("Cannot convert the literal '" + value + "' to the expected type '" + property.edmType()
                + "' of the property '" + property.name() + "'.");
    }

    private static ODataException badRequest(String message) {
        return new ODataException(HttpStatus.BAD_REQUEST, message);
    }
}
