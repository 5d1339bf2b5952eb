package com.example.hub.messaging.schema;

import com.example.hub.testsupport.AppPermissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Documents valid under one version of the schemas, to check that the next one still accepts them: the examples of
 * {@code docs/asyncapi.yaml} (each message's envelope, its payload and Odoo's product event), the bodies of the
 * README's {@code curl} commands (1C's requests, their request ids) and the schemas' own {@code examples}, and from each
 * of them random walks through the documents the schema accepts: a value replaced by another of a pool (every enum and
 * const value of the schemas, every string of the seeds, strings of the shapes the schemas ask for and of other
 * lengths, numbers, booleans, null, objects, arrays), a property dropped, a known or an unknown one added. A step the
 * schema rejects is not taken; every document a walk reaches is valid under it.
 */
final class ValidInstances {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Pattern CURL_BODY =
            Pattern.compile("curl[^\\n]*?(/send_to_\\w+)[\\s\\S]*?-d '(\\{[^']*\\})'", Pattern.MULTILINE);

    /** Walks per schema and steps per walk: some thousands of documents in all, in about a second. */
    static final int WALKS = 400;

    static final int STEPS = 10;

    private ValidInstances() {}

    /**
     * The documents the repository shows as valid, by the name of their schema.
     *
     * @return the seeds; every message schema of the hub has some
     */
    static Map<String, List<JsonNode>> seeds(SchemaSet schemas) {
        Map<String, List<JsonNode>> seeds = new TreeMap<>();
        JsonNode asyncApi = readYaml("docs/asyncapi.yaml");
        asyncApi.path("components").path("messages").values().forEach(message -> {
            String schemaText = message.path("payload").toString();
            for (JsonNode example : message.path("examples")) {
                JsonNode payload = example.path("payload");
                if (schemaText.contains("odoo/product_event.json")) {
                    add(seeds, MessageSchemas.PRODUCT_EVENT, payload);
                } else {
                    add(seeds, MessageSchemas.ENVELOPE, payload);
                    add(
                            seeds,
                            MessageSchemas.PAYLOADS
                                    + payload.path("message_type").asString(),
                            payload.path("payload"));
                }
            }
        });
        Matcher curl = CURL_BODY.matcher(readText("README.md"));
        while (curl.find()) {
            JsonNode body = SchemaSet.JSON.readTree(curl.group(2));
            add(seeds, "http" + curl.group(1), body);
            add(seeds, "http/request_id", body.path("request_id"));
        }
        schemas.messageSchemaNames()
                .forEach(name -> schemas.document(name).path("examples").forEach(example -> add(seeds, name, example)));
        return seeds;
    }

    /**
     * Documents valid under a schema: the seeds it accepts, and where random walks from them lead.
     *
     * @param schemas the version of the schemas
     * @param name the schema's name
     * @param seeds documents to start from
     * @param random the source of the walks' steps
     * @param walks how many walks
     * @param steps how many steps each walk tries
     * @return the documents, each valid under the schema, the accepted seeds first
     */
    static List<JsonNode> walk(
            SchemaSet schemas, String name, List<JsonNode> seeds, Random random, int walks, int steps) {
        List<JsonNode> starts =
                seeds.stream().filter(seed -> schemas.accepts(name, seed)).toList();
        if (starts.isEmpty()) {
            throw new IllegalStateException(
                    "None of the seeds of " + name + " is valid under " + schemas + ": " + seeds);
        }
        List<List<JsonNode>> pool = pool(schemas, seeds);
        Set<String> declared = new LinkedHashSet<>();
        collectPropertyNames(schemas.document(name), declared);
        List<String> knownNames = new ArrayList<>(declared.isEmpty() ? knownPropertyNames(schemas) : declared);
        Set<JsonNode> reached = new LinkedHashSet<>(starts);
        for (int walk = 0; walk < walks; walk++) {
            JsonNode current = starts.get(random.nextInt(starts.size()));
            for (int step = 0; step < steps; step++) {
                JsonNode next = step(current, pool, knownNames, random);
                if (schemas.accepts(name, next)) {
                    current = next;
                    reached.add(current);
                }
            }
        }
        return new ArrayList<>(reached);
    }

    /**
     * What one version of the schemas accepts and the next rejects: for each schema of the first, the documents that
     * {@link #walk} reaches from its seeds, checked against the schema of the same name in the next (a schema the next
     * no longer has is {@link SchemaCompatibility}'s to report).
     *
     * @param previous the version before
     * @param next the version after
     * @param randomSeed the seed of the walks, for a failure to be repeated
     * @return one line per schema with a document the next version rejects: the schema, the document, the errors
     */
    static List<String> rejectedByNext(SchemaSet previous, SchemaSet next, long randomSeed) {
        Map<String, List<JsonNode>> seeds = seeds(previous);
        Set<String> newNames = new LinkedHashSet<>(knownPropertyNames(next));
        knownPropertyNames(previous).forEach(newNames::remove);
        List<String> rejected = new ArrayList<>();
        for (String name : previous.messageSchemaNames()) {
            if (!next.messageSchemaNames().contains(name)) {
                continue;
            }
            Random random = new Random(randomSeed ^ name.hashCode());
            for (JsonNode document : walk(previous, name, seeds.getOrDefault(name, List.of()), random, WALKS, STEPS)) {
                List<SchemaSet.Failure> failures = next.errors(name, document);
                if (!failures.isEmpty() && !failures.stream().allMatch(failure -> atNewProperty(failure, newNames))) {
                    rejected.add(name + ": " + document + " is valid under " + previous + " but not under " + next
                            + ": " + failures);
                    break;
                }
            }
        }
        return rejected;
    }

    /**
     * Whether an error is at a property that the next version declares and the previous one did not: a new optional
     * property, which the rules allow, narrows what a sender could put under its name as an unknown field before
     * (Confluent's checker calls it a property added to an open content model). The schemas accept the risk.
     */
    private static boolean atNewProperty(SchemaSet.Failure failure, Set<String> newNames) {
        String location = failure.location();
        if ("required".equals(failure.keyword()) || "additionalProperties".equals(failure.keyword())) {
            return false;
        }
        for (String segment : location.split("/")) {
            if (newNames.contains(segment.replace("~1", "/").replace("~0", "~"))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode step(JsonNode document, List<List<JsonNode>> pool, List<String> knownNames, Random random) {
        if (!document.isObject()) {
            List<JsonNode> values = pool.get(random.nextInt(pool.size()));
            return values.get(random.nextInt(values.size()));
        }
        JsonNode copy = document.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(copy, objects);
        ObjectNode target = random.nextBoolean() ? objects.getFirst() : objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>(target.propertyNames());
        List<JsonNode> values = pool.get(random.nextInt(pool.size()));
        JsonNode value = values.get(random.nextInt(values.size()));
        switch (random.nextInt(4)) {
            case 0 -> {
                if (!names.isEmpty()) {
                    target.set(names.get(random.nextInt(names.size())), value);
                }
            }
            case 1 -> {
                if (!names.isEmpty()) {
                    target.remove(names.get(random.nextInt(names.size())));
                }
            }
            case 2 -> {
                List<String> from = random.nextBoolean() && !names.isEmpty() ? names : knownNames;
                target.set(from.get(random.nextInt(from.size())), value);
            }
            default -> target.set("unknown_" + random.nextInt(3), value);
        }
        return copy;
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        node.values().forEach(child -> collectObjects(child, objects));
    }

    /**
     * The values a step puts in, in three tiers that a step chooses among alike: one of each JSON type, so that a walk
     * soon reaches a null or an object where a string was; the schemas' enum and const values; and strings of the
     * shapes and lengths the schemas ask for and reject, numbers, and every string and number of the seeds.
     */
    private static List<List<JsonNode>> pool(SchemaSet schemas, List<JsonNode> seeds) {
        List<JsonNode> kinds = List.of(
                NODES.nullNode(),
                NODES.booleanNode(true),
                NODES.numberNode(1),
                NODES.numberNode(1.5),
                NODES.stringNode("x"),
                NODES.objectNode(),
                NODES.arrayNode());
        Set<JsonNode> schemaValues = new LinkedHashSet<>();
        schemas.documents().values().forEach(document -> collectValues(document, schemaValues));
        Set<JsonNode> rest = new LinkedHashSet<>();
        for (String text : List.of(
                "",
                " ",
                "U1",
                "USER_REQ_001",
                "a.b",
                "..",
                "1C",
                "dms",
                "user@example.com",
                "not-an-address",
                "2026-01-01T10:00:00Z",
                "2026-01-01T10:00:00+03:00",
                "2026-01-01T10:00:00",
                "yesterday",
                "199.99",
                "x".repeat(100),
                "x".repeat(128),
                "x".repeat(129),
                "x".repeat(255),
                "x".repeat(256),
                "x".repeat(500),
                "x".repeat(501))) {
            rest.add(NODES.stringNode(text));
        }
        for (JsonNode value : List.of(
                NODES.numberNode(0),
                NODES.numberNode(-1),
                NODES.numberNode(2),
                NODES.numberNode(3),
                NODES.numberNode(199.99),
                NODES.numberNode(1_000_000_000L),
                NODES.booleanNode(false),
                NODES.objectNode().put("k", "v"),
                NODES.arrayNode().add("x"))) {
            rest.add(value);
        }
        seeds.forEach(seed -> collectStrings(seed, rest));
        return List.of(kinds, List.copyOf(schemaValues), List.copyOf(rest));
    }

    private static void collectValues(JsonNode schema, Set<JsonNode> pool) {
        if (schema.isObject()) {
            if (schema.has("const")) {
                pool.add(schema.get("const"));
            }
            schema.path("enum").forEach(pool::add);
        }
        schema.values().forEach(child -> collectValues(child, pool));
    }

    private static void collectStrings(JsonNode node, Set<JsonNode> pool) {
        if (node.isString() || node.isNumber()) {
            pool.add(node);
        }
        node.values().forEach(child -> collectStrings(child, pool));
    }

    private static List<String> knownPropertyNames(SchemaSet schemas) {
        Set<String> names = new LinkedHashSet<>();
        schemas.documents().values().forEach(document -> collectPropertyNames(document, names));
        return new ArrayList<>(names);
    }

    private static void collectPropertyNames(JsonNode schema, Set<String> names) {
        if (schema.isObject() && schema.path("properties").isObject()) {
            names.addAll(schema.path("properties").propertyNames());
        }
        schema.values().forEach(child -> collectPropertyNames(child, names));
    }

    private static void add(Map<String, List<JsonNode>> seeds, String name, JsonNode seed) {
        if (!seed.isMissingNode()) {
            seeds.computeIfAbsent(name, key -> new ArrayList<>()).add(seed);
        }
    }

    private static JsonNode readYaml(String file) {
        return YAMLMapper.builder().build().readTree(readText(file));
    }

    private static String readText(String file) {
        try {
            return Files.readString(AppPermissions.repositoryFile(file));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
