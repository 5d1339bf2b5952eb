package com.example.hub.messaging.schema;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Whether a Java record and the schema of the JSON it is read from or written as agree: the schema has a property for
 * each of the record's components, by its JSON name (snake_case under {@link JsonNaming}, its {@link JsonAlias}es
 * too), and no other; it requires every component that the record cannot do without (a primitive, or one annotated
 * {@link NotNull}, {@link NotBlank} or {@link NotEmpty}) and no other, except those its writer always fills, which the
 * caller names. The tests of each application check its records with it.
 */
public final class SchemaAgreement {

    private SchemaAgreement() {}

    /**
     * What a record and a schema disagree on.
     *
     * @param schema the schema, or the part of it that describes the record (such as its {@code properties/payload})
     * @param record the record class
     * @param alsoRequired the JSON names of components the schema requires although the record does not: those its
     *     writer always fills, or that its reader checks otherwise
     * @return the disagreements, empty when they agree
     */
    public static List<String> disagreements(JsonNode schema, Class<?> record, Set<String> alsoRequired) {
        if (!record.isRecord()) {
            throw new IllegalArgumentException(record.getName() + " is not a record");
        }
        Set<String> schemaProperties = new TreeSet<>(schema.path("properties").propertyNames());
        Set<String> schemaRequired = new TreeSet<>();
        schema.path("required").forEach(name -> schemaRequired.add(name.asString()));
        boolean snakeCase = record.isAnnotationPresent(JsonNaming.class)
                && record.getAnnotation(JsonNaming.class).value() == PropertyNamingStrategies.SnakeCaseStrategy.class;
        List<String> disagreements = new ArrayList<>();
        Set<String> recordNames = new TreeSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String name = snakeCase ? snakeCase(component.getName()) : component.getName();
            recordNames.add(name);
            JsonAlias alias = annotation(record, component, JsonAlias.class);
            List<String> aliases = alias != null ? List.of(alias.value()) : List.of();
            recordNames.addAll(aliases);
            if (!schemaProperties.contains(name)) {
                disagreements.add(record.getSimpleName() + "." + component.getName() + " has no property " + name
                        + " in the schema");
            }
            boolean recordRequires = component.getType().isPrimitive() || constrained(record, component);
            // a component with an alias is required as either name, which a plain required list cannot say
            if (recordRequires && aliases.isEmpty() && !schemaRequired.contains(name)) {
                disagreements.add("the schema does not require " + name + ", which " + record.getSimpleName()
                        + " cannot do without");
            }
            if (!recordRequires && schemaRequired.contains(name) && !alsoRequired.contains(name)) {
                disagreements.add("the schema requires " + name + ", which " + record.getSimpleName()
                        + " does without (name it as always filled if its writer always fills it)");
            }
        }
        for (String property : schemaProperties) {
            if (!recordNames.contains(property)) {
                disagreements.add(
                        "the schema's property " + property + " is no component of " + record.getSimpleName());
            }
        }
        return disagreements;
    }

    /** Bean Validation's annotations reach a component's field, accessor or type, not the component itself. */
    private static boolean constrained(Class<?> record, RecordComponent component) {
        return annotation(record, component, NotNull.class) != null
                || annotation(record, component, NotBlank.class) != null
                || annotation(record, component, NotEmpty.class) != null;
    }

    /**
     * An annotation of a component wherever Java put it: on the component, its accessor, its field or its type.
     */
    private static <A extends Annotation> @Nullable A annotation(
            Class<?> record, RecordComponent component, Class<A> type) {
        List<AnnotatedElement> elements =
                new ArrayList<>(List.of(component, component.getAccessor(), component.getAnnotatedType()));
        try {
            elements.add(record.getDeclaredField(component.getName()));
        } catch (NoSuchFieldException ex) {
            // a record has a field per component
        }
        for (AnnotatedElement element : elements) {
            A annotation = element.getAnnotation(type);
            if (annotation != null) {
                return annotation;
            }
        }
        return null;
    }

    private static String snakeCase(String name) {
        return com.example.hub.messaging.envelope.FieldNames.snakeCase(name);
    }
}
