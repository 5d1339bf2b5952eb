package com.example.hub.messaging.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.envelope.MessageEnvelope;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The hub's schemas ({@code hub/schemas}) against the kept schemas of the same major version ({@code
 * schema-history/v<major>/} in the test resources): within a version a schema may only be added to. A breaking change
 * fails the build with the schema, the JSON pointer and the rule; it needs a new major version ({@link
 * MessageEnvelope#CURRENT_SCHEMA_VERSION} raised, and a snapshot of the new version's schemas kept beside the old).
 */
class SchemaEvolutionTests {

    /** Where the schemas of each major version are kept, as they were when it was released. */
    static final String HISTORY = "schema-history/v";

    static final SchemaSet CURRENT = SchemaSet.fromClasspath(MessageSchemas.LOCATION);

    static final SchemaSet KEPT = SchemaSet.fromClasspath(HISTORY + MessageEnvelope.CURRENT_SCHEMA_VERSION + "/");

    /** The seed of the random walks, fixed so that a failure repeats. */
    static final long RANDOM_SEED = 17;

    @Test
    void everyMajorVersionUpToTheCurrentOneIsKept() {
        for (int version = 1; version <= MessageEnvelope.CURRENT_SCHEMA_VERSION; version++) {
            assertThat(SchemaSet.fromClasspath(HISTORY + version + "/").messageSchemaNames())
                    .as("the kept schemas of version " + version)
                    .contains(MessageSchemas.ENVELOPE);
        }
    }

    @Test
    void theCurrentSchemasOnlyAddToTheKeptOnesOfTheirVersion() {
        List<SchemaCompatibility.Break> breaks = SchemaCompatibility.breaks(KEPT.documents(), CURRENT.documents());

        assertThat(breaks)
                .as(
                        "breaking changes to the schemas of version %d (%s): a breaking change needs a new major version",
                        MessageEnvelope.CURRENT_SCHEMA_VERSION, KEPT)
                .isEmpty();
    }

    @Test
    void everyDocumentTheKeptSchemasAcceptTheCurrentOnesAccept() {
        assertThat(ValidInstances.rejectedByNext(KEPT, CURRENT, RANDOM_SEED))
                .as(
                        "documents valid under the kept schemas of version %d that the current ones reject (seed %d)",
                        MessageEnvelope.CURRENT_SCHEMA_VERSION, RANDOM_SEED)
                .isEmpty();
    }

    @Test
    void theWalksReachManyDocumentsOfEverySchema() {
        var seeds = ValidInstances.seeds(KEPT);
        for (String name : KEPT.messageSchemaNames()) {
            List<JsonNode> documents = ValidInstances.walk(
                    KEPT,
                    name,
                    seeds.getOrDefault(name, List.of()),
                    new Random(RANDOM_SEED),
                    ValidInstances.WALKS,
                    ValidInstances.STEPS);
            assertThat(documents).as("documents reached of " + name).hasSizeGreaterThan(10);
        }
    }
}
