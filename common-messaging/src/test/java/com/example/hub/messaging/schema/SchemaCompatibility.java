package com.example.hub.messaging.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Whether a schema changed its predecessor of the same major version only by additions, structurally: keyword by
 * keyword, from the root down, each change that a message valid before could fail, or that a reader relies on, is a
 * {@link Break}. Conservative where the schemas cannot be compared (a changed pattern or {@code $ref} is a break even
 * if it happens to accept as much).
 */
final class SchemaCompatibility {

    /** What a change within a major version must not do. */
    enum Rule {
        REMOVED_SCHEMA("a schema must not be removed"),
        NEW_REQUIRED("no new required property"),
        REMOVED_PROPERTY("no removed property"),
        REMOVED_DEFINITION("no removed definition"),
        NARROWED_TYPE("no narrowed type"),
        NARROWED_ENUM("no narrowed enum or const"),
        NARROWED_PATTERN("no new or changed pattern or format"),
        NARROWED_BOUND("no narrowed bound"),
        TIGHTENED_ADDITIONAL_PROPERTIES("additionalProperties not tightened"),
        CHANGED_REFERENCE("no changed $ref"),
        NEW_CONSTRAINT("no new or changed constraint");

        private final String text;

        Rule(String text) {
            this.text = text;
        }

        String text() {
            return this.text;
        }
    }

    /**
     * One breaking change.
     *
     * @param schema the schema's name, such as {@code payloads/create_user}
     * @param pointer the JSON pointer in the schema of the keyword that changed, such as {@code /required}
     * @param rule the rule it breaks
     * @param detail what changed
     */
    record Break(String schema, String pointer, Rule rule, String detail) {

        @Override
        public String toString() {
            return schema + ".json#" + pointer + ": " + rule.text() + " (" + detail + ")";
        }
    }

    /** Keywords that say something about a value without deciding whether it is valid. */
    private static final Set<String> ANNOTATIONS = Set.of(
            "$schema",
            "$id",
            "$anchor",
            "$comment",
            "title",
            "description",
            "examples",
            "default",
            "deprecated",
            "readOnly",
            "writeOnly",
            "message");

    private static final Set<String> UPPER_BOUNDS =
            Set.of("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties", "maxContains");

    private static final Set<String> LOWER_BOUNDS =
            Set.of("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties", "minContains");

    /** Keywords whose value is a map of names to schemas, each compared with its predecessor of the same name. */
    private static final Set<String> SCHEMA_MAPS =
            Set.of("properties", "$defs", "patternProperties", "dependentSchemas");

    /** Keywords whose value is one schema, compared with its predecessor. */
    private static final Set<String> SUBSCHEMAS =
            Set.of("items", "contains", "propertyNames", "then", "else", "unevaluatedItems");

    private final String schema;

    private final List<Break> breaks = new ArrayList<>();

    private SchemaCompatibility(String schema) {
        this.schema = schema;
    }

    /**
     * The breaking changes from one schema to its successor.
     *
     * @param schema the schema's name, for the report
     * @param previous the schema as it was
     * @param current the schema as it is
     * @return the breaks, in the order of the schema's keywords; empty when the change only adds
     */
    static List<Break> breaks(String schema, JsonNode previous, JsonNode current) {
        SchemaCompatibility compatibility = new SchemaCompatibility(schema);
        compatibility.compare("", previous, current);
        return List.copyOf(compatibility.breaks);
    }

    /**
     * The breaking changes from one set of schemas to its successor: a schema removed, or a break in one kept.
     *
     * @param previous the schemas as they were, by name
     * @param current the schemas as they are, by name
     * @return the breaks, by schema name
     */
    static List<Break> breaks(Map<String, JsonNode> previous, Map<String, JsonNode> current) {
        List<Break> breaks = new ArrayList<>();
        new TreeSet<>(previous.keySet()).forEach(name -> {
            if (!current.containsKey(name)) {
                breaks.add(new Break(name, "", Rule.REMOVED_SCHEMA, "no " + name + ".json any more"));
            } else {
                breaks.addAll(breaks(name, previous.get(name), current.get(name)));
            }
        });
        return breaks;
    }

    private void compare(String pointer, JsonNode previous, JsonNode current) {
        if (current.isBoolean() || previous.isBoolean()) {
            compareBooleanSchemas(pointer, previous, current);
            return;
        }
        compareTypes(pointer, previous, current);
        compareValues(pointer, previous, current);
        compareBounds(pointer, previous, current);
        compareRequired(pointer, previous, current);
        compareAdditional(pointer, "additionalProperties", previous, current);
        compareAdditional(pointer, "unevaluatedProperties", previous, current);
        for (String keyword : SCHEMA_MAPS) {
            compareSchemaMap(pointer, keyword, previous.path(keyword), current.path(keyword));
        }
        for (String keyword : SUBSCHEMAS) {
            compareSubschema(pointer, keyword, previous, current);
        }
        compareLists(pointer, previous, current);
        for (String keyword : current.propertyNames()) {
            if (!handled(keyword) && !current.get(keyword).equals(previous.get(keyword))) {
                add(
                        pointer + "/" + keyword,
                        Rule.NEW_CONSTRAINT,
                        keyword + " " + previous.get(keyword) + " → " + current.get(keyword));
            }
        }
    }

    private void compareBooleanSchemas(String pointer, JsonNode previous, JsonNode current) {
        boolean allowedAll = previous.isBoolean() ? previous.booleanValue() : previous.isEmpty();
        if (current.isBoolean() && current.booleanValue()) {
            return;
        }
        if (previous.isBoolean() && !previous.booleanValue()) {
            return;
        }
        if (current.isBoolean()) {
            add(pointer, Rule.NEW_CONSTRAINT, "the schema became false");
        } else if (allowedAll && !onlyAnnotations(current)) {
            add(pointer, Rule.NEW_CONSTRAINT, "true → " + current);
        }
    }

    private void compareTypes(String pointer, JsonNode previous, JsonNode current) {
        Set<String> before = types(previous.path("type"));
        Set<String> after = types(current.path("type"));
        if (after.isEmpty()) {
            return;
        }
        List<String> lost = new ArrayList<>();
        if (before.isEmpty()) {
            lost.add("any");
        }
        for (String type : before) {
            if (!after.contains(type) && !("integer".equals(type) && after.contains("number"))) {
                lost.add(type);
            }
        }
        if (!lost.isEmpty()) {
            add(pointer + "/type", Rule.NARROWED_TYPE, "type " + before + " → " + after + ", no longer " + lost);
        }
    }

    private void compareValues(String pointer, JsonNode previous, JsonNode current) {
        if (current.has("enum")) {
            Set<JsonNode> before = values(previous);
            List<JsonNode> lost = new ArrayList<>();
            if (before == null) {
                add(pointer + "/enum", Rule.NARROWED_ENUM, "a new enum " + current.get("enum"));
            } else {
                before.stream()
                        .filter(value -> !values(current).contains(value))
                        .forEach(lost::add);
                if (!lost.isEmpty()) {
                    add(pointer + "/enum", Rule.NARROWED_ENUM, "no longer " + lost);
                }
            }
        }
        if (current.has("const")) {
            Set<JsonNode> before = values(previous);
            if (before == null || !Set.of(current.get("const")).containsAll(before)) {
                add(
                        pointer + "/const",
                        Rule.NARROWED_ENUM,
                        "const " + current.get("const") + " where " + (before == null ? "any value" : before)
                                + " was allowed");
            }
        }
        for (String keyword : List.of("pattern", "format")) {
            if (current.has(keyword) && !current.get(keyword).equals(previous.get(keyword))) {
                add(
                        pointer + "/" + keyword,
                        Rule.NARROWED_PATTERN,
                        keyword + " " + previous.get(keyword) + " → " + current.get(keyword));
            }
        }
        if (current.has("$ref") && !current.get("$ref").equals(previous.get("$ref"))) {
            add(pointer + "/$ref", Rule.CHANGED_REFERENCE, previous.get("$ref") + " → " + current.get("$ref"));
        }
    }

    private void compareBounds(String pointer, JsonNode previous, JsonNode current) {
        for (String keyword : current.propertyNames()) {
            boolean upper = UPPER_BOUNDS.contains(keyword);
            if (!upper && !LOWER_BOUNDS.contains(keyword)) {
                continue;
            }
            JsonNode before = previous.get(keyword);
            double after = current.get(keyword).doubleValue();
            if (before == null || (upper && after < before.doubleValue()) || (!upper && after > before.doubleValue())) {
                add(
                        pointer + "/" + keyword,
                        Rule.NARROWED_BOUND,
                        keyword + " " + (before == null ? "none" : before) + " → " + current.get(keyword));
            }
        }
    }

    private void compareRequired(String pointer, JsonNode previous, JsonNode current) {
        Set<String> before = new TreeSet<>();
        previous.path("required").forEach(name -> before.add(name.asString()));
        current.path("required").forEach(name -> {
            if (!before.contains(name.asString())) {
                add(pointer + "/required", Rule.NEW_REQUIRED, name.asString() + " is required now");
            }
        });
    }

    private void compareAdditional(String pointer, String keyword, JsonNode previous, JsonNode current) {
        JsonNode before = previous.get(keyword);
        JsonNode after = current.get(keyword);
        if (after == null || (after.isBoolean() && after.booleanValue())) {
            return;
        }
        if (before == null || (before.isBoolean() && before.booleanValue())) {
            add(
                    pointer + "/" + keyword,
                    Rule.TIGHTENED_ADDITIONAL_PROPERTIES,
                    keyword + " " + after + " where any were allowed");
        } else if (before.isObject() && after.isBoolean()) {
            add(pointer + "/" + keyword, Rule.TIGHTENED_ADDITIONAL_PROPERTIES, keyword + " " + before + " → false");
        } else if (before.isObject()) {
            compare(pointer + "/" + keyword, before, after);
        }
    }

    private void compareSchemaMap(String pointer, String keyword, JsonNode previous, JsonNode current) {
        for (String name : previous.propertyNames()) {
            String at = pointer + "/" + keyword + "/" + escape(name);
            JsonNode after = current.get(name);
            if (after != null) {
                compare(at, previous.get(name), after);
            } else if ("properties".equals(keyword)) {
                add(at, Rule.REMOVED_PROPERTY, name + " is no property any more");
            } else if ("$defs".equals(keyword)) {
                add(at, Rule.REMOVED_DEFINITION, name + " is no definition any more");
            }
        }
        if (!"properties".equals(keyword) && !"$defs".equals(keyword)) {
            for (String name : current.propertyNames()) {
                if (!previous.has(name)) {
                    add(pointer + "/" + keyword + "/" + escape(name), Rule.NEW_CONSTRAINT, keyword + " " + name);
                }
            }
        }
    }

    private void compareSubschema(String pointer, String keyword, JsonNode previous, JsonNode current) {
        JsonNode after = current.get(keyword);
        if (after == null) {
            return;
        }
        JsonNode before = previous.get(keyword);
        if (before == null) {
            if (!(after.isBoolean() && after.booleanValue()) && !onlyAnnotations(after)) {
                add(pointer + "/" + keyword, Rule.NEW_CONSTRAINT, "a new " + keyword + " " + after);
            }
        } else {
            compare(pointer + "/" + keyword, before, after);
        }
    }

    /** allOf may lose members, anyOf and oneOf may not (a lost alternative narrows); members compared by position. */
    private void compareLists(String pointer, JsonNode previous, JsonNode current) {
        for (String keyword : List.of("allOf", "anyOf", "oneOf", "prefixItems")) {
            JsonNode after = current.get(keyword);
            JsonNode before = previous.get(keyword);
            if (after == null) {
                continue;
            }
            if (before == null) {
                add(pointer + "/" + keyword, Rule.NEW_CONSTRAINT, "a new " + keyword);
                continue;
            }
            boolean grew = after.size() > before.size();
            boolean shrank = after.size() < before.size();
            if (("allOf".equals(keyword) && grew)
                    || ("anyOf".equals(keyword) && shrank)
                    || ("oneOf".equals(keyword) && (grew || shrank))
                    || ("prefixItems".equals(keyword) && grew)) {
                add(
                        pointer + "/" + keyword,
                        Rule.NEW_CONSTRAINT,
                        keyword + " of " + before.size() + " → " + after.size() + " schemas");
            }
            for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
                compare(pointer + "/" + keyword + "/" + i, before.get(i), after.get(i));
            }
        }
    }

    private static boolean handled(String keyword) {
        return ANNOTATIONS.contains(keyword)
                || UPPER_BOUNDS.contains(keyword)
                || LOWER_BOUNDS.contains(keyword)
                || SCHEMA_MAPS.contains(keyword)
                || SUBSCHEMAS.contains(keyword)
                || Set.of(
                                "type",
                                "enum",
                                "const",
                                "pattern",
                                "format",
                                "$ref",
                                "required",
                                "additionalProperties",
                                "unevaluatedProperties",
                                "allOf",
                                "anyOf",
                                "oneOf",
                                "prefixItems")
                        .contains(keyword);
    }

    private static boolean onlyAnnotations(JsonNode schema) {
        return schema.isObject() && schema.propertyNames().stream().allMatch(ANNOTATIONS::contains);
    }

    private static Set<String> types(JsonNode type) {
        Set<String> types = new TreeSet<>();
        if (type.isString()) {
            types.add(type.asString());
        } else {
            type.forEach(name -> types.add(name.asString()));
        }
        return types;
    }

    /** The values a schema allows by enum or const, {@code null} when it allows any. */
    private static Set<JsonNode> values(JsonNode schema) {
        if (schema.has("const")) {
            return Set.of(schema.get("const"));
        }
        if (schema.has("enum")) {
            Set<JsonNode> values = new java.util.LinkedHashSet<>();
            schema.get("enum").forEach(values::add);
            return values;
        }
        return null;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private void add(String pointer, Rule rule, String detail) {
        this.breaks.add(new Break(this.schema, pointer, rule, detail));
    }
}
