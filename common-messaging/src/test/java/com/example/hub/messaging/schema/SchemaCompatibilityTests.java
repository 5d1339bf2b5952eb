package com.example.hub.messaging.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.schema.SchemaCompatibility.Break;
import com.example.hub.messaging.schema.SchemaCompatibility.Rule;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The compatibility checks catch a deliberately breaking change of each kind to today's schemas, naming the schema,
 * the JSON pointer and the rule, and the documents valid before that the changed schema rejects; and they pass an
 * additive change.
 */
class SchemaCompatibilityTests {

    static final SchemaSet TODAY = SchemaSet.fromClasspath(MessageSchemas.LOCATION);

    static final String CREATE_USER = "payloads/create_user";

    @Test
    void anOptionalPropertyAddedIsNoBreak() {
        SchemaSet next = change(
                CREATE_USER,
                schema -> properties(schema)
                        .putObject("phone")
                        .put("type", "string")
                        .put("description", "The user's phone number."));
        SchemaSet described = change(MessageSchemas.ENVELOPE, schema -> schema.put("description", "Reworded."));

        assertThat(SchemaCompatibility.breaks(TODAY.documents(), next.documents()))
                .isEmpty();
        assertThat(ValidInstances.rejectedByNext(TODAY, next, 17)).isEmpty();
        assertThat(SchemaCompatibility.breaks(TODAY.documents(), described.documents()))
                .isEmpty();
    }

    @Test
    void aNewRequiredPropertyIsABreak() {
        SchemaSet next = change(CREATE_USER, schema -> {
            properties(schema).putObject("phone").put("type", "string");
            ((ArrayNode) schema.get("required")).add("phone");
        });

        assertBreaks(next, new Break(CREATE_USER, "/required", Rule.NEW_REQUIRED, "phone is required now"));
        assertRejected(next, CREATE_USER, "(required)");
    }

    @Test
    void aRemovedPropertyIsABreak() {
        SchemaSet next = change(CREATE_USER, schema -> {
            properties(schema).remove("name");
            ((ArrayNode) schema.get("required"))
                    .removeIf(name -> name.asString().equals("name"));
        });

        assertBreaks(
                next,
                new Break(CREATE_USER, "/properties/name", Rule.REMOVED_PROPERTY, "name is no property any more"));
    }

    @Test
    void aNarrowedTypeIsABreak() {
        SchemaSet next = change(
                MessageSchemas.ENVELOPE,
                schema -> ((ObjectNode) properties(schema).get("context")).put("type", "object"));

        assertBreaks(
                next,
                new Break(
                        MessageSchemas.ENVELOPE,
                        "/properties/context/type",
                        Rule.NARROWED_TYPE,
                        "type [null, object] → [object], no longer [null]"));
        assertRejected(next, MessageSchemas.ENVELOPE, "/context (type)");
    }

    @Test
    void aShrunkEnumIsABreak() {
        SchemaSet next = change(
                MessageSchemas.PRODUCT_EVENT,
                schema -> ((ArrayNode) properties(schema).get("eventType").get("enum"))
                        .removeIf(value -> value.asString().equals("PRODUCT_DELETED")));

        assertBreaks(
                next,
                new Break(
                        MessageSchemas.PRODUCT_EVENT,
                        "/properties/eventType/enum",
                        Rule.NARROWED_ENUM,
                        "no longer [\"PRODUCT_DELETED\"]"));
        assertRejected(next, MessageSchemas.PRODUCT_EVENT, "/eventType (enum)");
    }

    @Test
    void additionalPropertiesFalseIsABreak() {
        SchemaSet next = change(CREATE_USER, schema -> schema.put("additionalProperties", false));

        assertBreaks(
                next,
                new Break(
                        CREATE_USER,
                        "/additionalProperties",
                        Rule.TIGHTENED_ADDITIONAL_PROPERTIES,
                        "additionalProperties false where any were allowed"));
        assertRejected(next, CREATE_USER, "(additionalProperties)");
    }

    @Test
    void aLowerMaximumIsABreak() {
        SchemaSet next =
                change(CREATE_USER, schema -> ((ObjectNode) properties(schema).get("name")).put("maxLength", 100));

        assertBreaks(
                next, new Break(CREATE_USER, "/properties/name/maxLength", Rule.NARROWED_BOUND, "maxLength 500 → 100"));
        assertRejected(next, CREATE_USER, "/name (maxLength)");
    }

    @Test
    void aChangedPatternAndARemovedDefinitionAreBreaks() {
        SchemaSet next = change("defs", schema -> {
            ObjectNode definitions = (ObjectNode) schema.get("$defs");
            ((ObjectNode) definitions.get("systemName")).put("pattern", "^[A-Z]+$");
            definitions.remove("dateTime");
        });

        assertThat(SchemaCompatibility.breaks(TODAY.documents(), next.documents()))
                .extracting(Break::pointer, Break::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/$defs/dateTime", Rule.REMOVED_DEFINITION),
                        org.assertj.core.groups.Tuple.tuple("/$defs/systemName/pattern", Rule.NARROWED_PATTERN));
    }

    @Test
    void aRemovedSchemaIsABreak() {
        var without = TODAY.documents();
        without.remove("payloads/error");

        assertThat(SchemaCompatibility.breaks(TODAY.documents(), without))
                .containsExactly(
                        new Break("payloads/error", "", Rule.REMOVED_SCHEMA, "no payloads/error.json any more"));
    }

    @Test
    void aBreakSaysTheSchemaThePointerAndTheRule() {
        assertThat(new Break(CREATE_USER, "/required", Rule.NEW_REQUIRED, "phone is required now"))
                .hasToString("payloads/create_user.json#/required: no new required property (phone is required now)");
    }

    private static SchemaSet change(String name, Consumer<ObjectNode> change) {
        return TODAY.with(name, change);
    }

    private static ObjectNode properties(ObjectNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    private static void assertBreaks(SchemaSet next, Break... expected) {
        assertThat(SchemaCompatibility.breaks(TODAY.documents(), next.documents()))
                .containsExactly(expected);
    }

    /** The random walks find a document valid today that the changed schema rejects, for the reason expected. */
    private static void assertRejected(SchemaSet next, String name, String reason) {
        List<String> rejected = ValidInstances.rejectedByNext(TODAY, next, 17);
        assertThat(rejected).singleElement().asString().startsWith(name + ": ").contains(reason);
    }
}
