package com.example.hub.messaging.schema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One version of the hub's schemas, as files under a folder of the class path ({@code hub/schemas/} as they are,
 * {@code schema-history/v1/} as version 1 was), each named by its path without {@code .json} ({@code defs} too), and
 * validated as the hub validates: draft 2020-12, formats asserted, each file under its {@code $id}.
 */
final class SchemaSet {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String origin;

    private final Map<String, JsonNode> documents;

    private final Map<String, Schema> schemas = new HashMap<>();

    private final SchemaRegistry registry;

    private SchemaSet(String origin, Map<String, JsonNode> documents) {
        this.origin = origin;
        this.documents = Map.copyOf(documents);
        Map<String, String> texts = new HashMap<>();
        documents.forEach((name, document) -> texts.put(iri(name), JSON.writeValueAsString(document)));
        this.registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .pathType(PathType.JSON_POINTER)
                                .build())
                        .schemas(texts));
    }

    /**
     * The schemas under a folder of the class path.
     *
     * @param folder such as {@code hub/schemas/}
     * @return them; fails when there are none
     */
    static SchemaSet fromClasspath(String folder) {
        Map<String, JsonNode> documents = new TreeMap<>();
        try {
            for (Resource resource :
                    new PathMatchingResourcePatternResolver().getResources("classpath*:" + folder + "**/*.json")) {
                String url = resource.getURL().toString();
                String name = url.substring(url.lastIndexOf(folder) + folder.length(), url.length() - ".json".length());
                documents.put(name, JSON.readTree(resource.getContentAsString(StandardCharsets.UTF_8)));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        if (documents.isEmpty()) {
            throw new IllegalStateException("No schemas under " + folder + " on the class path");
        }
        return new SchemaSet(folder, documents);
    }

    /**
     * These schemas with one of them changed.
     *
     * @param name the schema to change
     * @param change what to do to (a copy of) it
     * @return the changed set
     */
    SchemaSet with(String name, Consumer<ObjectNode> change) {
        Map<String, JsonNode> changed = new TreeMap<>(this.documents);
        ObjectNode copy = (ObjectNode) document(name).deepCopy();
        change.accept(copy);
        changed.put(name, copy);
        return new SchemaSet(this.origin + " with " + name + " changed", changed);
    }

    /**
     * The schemas' documents by name.
     *
     * @return every file, {@code defs} too
     */
    Map<String, JsonNode> documents() {
        return new TreeMap<>(this.documents);
    }

    /**
     * The names of the schemas of messages and bodies, without the shared definitions.
     *
     * @return such as {@code envelope}, {@code payloads/create_user}
     */
    Set<String> messageSchemaNames() {
        Set<String> names = new java.util.TreeSet<>(this.documents.keySet());
        names.remove("defs");
        return names;
    }

    JsonNode document(String name) {
        JsonNode document = this.documents.get(name);
        if (document == null) {
            throw new IllegalArgumentException("No schema " + name + " in " + this.origin);
        }
        return document;
    }

    /**
     * Whether a document is valid by a schema of the set.
     *
     * @param name the schema's name
     * @param instance the document
     * @return {@code true} when it is valid
     */
    boolean accepts(String name, JsonNode instance) {
        return schema(name).validate(instance).isEmpty();
    }

    /**
     * What a document gets wrong by a schema of the set, as the validator says it.
     *
     * @param name the schema's name
     * @param instance the document
     * @return the errors
     */
    List<Failure> errors(String name, JsonNode instance) {
        return schema(name).validate(instance).stream()
                .map(error -> new Failure(
                        error.getInstanceLocation().toString(), String.valueOf(error.getKeyword()), error.getMessage()))
                .toList();
    }

    /**
     * One error of a document.
     *
     * @param location the JSON pointer of the value at fault
     * @param keyword the keyword that failed
     * @param message the validator's message
     */
    record Failure(String location, String keyword, String message) {

        @Override
        public String toString() {
            return location + " (" + keyword + "): " + message;
        }
    }

    @Override
    public String toString() {
        return this.origin;
    }

    private Schema schema(String name) {
        document(name);
        return this.schemas.computeIfAbsent(name, key -> {
            Schema schema = this.registry.getSchema(SchemaLocation.of(iri(key)));
            schema.initializeValidators();
            return schema;
        });
    }

    private static String iri(String name) {
        return MessageSchemas.ID_PREFIX + name + ".json";
    }
}
