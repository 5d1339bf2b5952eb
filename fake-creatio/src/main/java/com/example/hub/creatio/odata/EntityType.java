package com.example.hub.creatio.odata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * An entity type of the fake's OData model, as {@code $metadata} describes it.
 *
 * @param name e.g. {@code Order}
 * @param properties its structural properties, key ({@code Id}) first
 * @param navigations its navigation properties (lookups), by name: the property of their id and the type they point to
 */
record EntityType(String name, List<Property> properties, Map<String, Navigation> navigations) {

    static final String NAMESPACE = "Terrasoft.Configuration";

    EntityType {
        properties = List.copyOf(properties);
        navigations = new LinkedHashMap<>(navigations);
    }

    String qualifiedName() {
        return NAMESPACE + "." + name;
    }

    Optional<Property> property(String propertyName) {
        return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
    }

    /** The 400 that Creatio's OData answers to a property its type does not have. */
    ODataException unknownProperty(String propertyName) {
        return new ODataException(
                HttpStatus.BAD_REQUEST,
                "The property '" + propertyName + "' does not exist on type '" + qualifiedName()
                        + "'. Make sure to only use property names that are defined by the type.");
    }

    /**
     * A structural property.
     *
     * @param name e.g. {@code StatusId}
     * @param edmType e.g. {@code Edm.Guid}
     * @param nullable whether it may be null
     * @param writable whether a PATCH may set it
     */
    record Property(String name, String edmType, boolean nullable, boolean writable) {}

    /**
     * A navigation property (a lookup column).
     *
     * @param idProperty the structural property holding the referenced row's id, e.g. {@code StatusId}
     * @param target the entity type referenced, e.g. {@code OrderStatus}
     */
    record Navigation(String idProperty, String target) {}
}
