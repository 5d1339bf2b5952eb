package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RoutingKey;
import com.example.hub.messaging.odoo.ProductEventType;
import com.example.hub.messaging.schema.MessageSchemas;
import com.example.hub.messaging.schema.SchemaViolation;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.messaging.topology.HubTopology.WorkQueue;
import com.example.hub.testsupport.AppPermissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code docs/asyncapi.yaml}, the AsyncAPI 3 document of the hub, against the code: every exchange, queue, binding key
 * and routing-key pattern of {@link HubTopology}, and every message type with a schema under {@code hub/schemas}, is in
 * it, and it names nothing else; every {@code $ref} resolves, to a part of the document or to a schema file; every
 * example passes its message's schema.
 */
class AsyncApiDocumentTests {

    static final String DOCUMENT = "docs/asyncapi.yaml";

    static final Path FILE = AppPermissions.repositoryFile(DOCUMENT);

    static final JsonNode ASYNCAPI = read(FILE);

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final MessageSchemas SCHEMAS = new MessageSchemas(JSON);

    /** The schema of every envelope, referenced by each message of {@value HubTopology#EXCHANGE}. */
    static final String ENVELOPE_FILE = MessageSchemas.ENVELOPE + ".json";

    @Test
    void isAnAsyncApi3DocumentOfTheBroker() {
        assertThat(ASYNCAPI.path("asyncapi").asString())
                .as(DOCUMENT + " asyncapi")
                .isEqualTo("3.0.0");
        assertThat(ASYNCAPI.path("servers").values())
                .as(DOCUMENT + " servers")
                .isNotEmpty()
                .allSatisfy(
                        server -> assertThat(server.path("protocol").asString()).isEqualTo("amqp"));
    }

    @Test
    void documentsTheExchangesOfTheTopology() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(HubTopology.EXCHANGE, "topic");
        HubTopology.WORK_QUEUES.forEach(queue -> expected.put(queue.deadLetterExchange(), "fanout"));
        expected.put(HubTopology.ODOO_EVENTS_EXCHANGE, "topic");
        expected.put(HubTopology.ODOO_EVENTS_DEAD_LETTER_EXCHANGE, "fanout");

        Map<String, String> documented = new LinkedHashMap<>();
        channels("routingKey").forEach(channel -> {
            JsonNode exchange = channel.path("bindings").path("amqp").path("exchange");
            documented.put(
                    exchange.path("name").asString(), exchange.path("type").asString());
        });

        assertSameNames("exchange", expected.keySet(), documented.keySet());
        expected.forEach((name, type) -> assertThat(documented.get(name))
                .as(DOCUMENT + ": the type of exchange " + name)
                .isEqualTo(type));
    }

    @Test
    void documentsTheQueuesOfTheTopology() {
        Set<String> expected = new TreeSet<>();
        HubTopology.WORK_QUEUES.forEach(queue -> expected.add(queue.name()));
        expected.add(HubTopology.ODOO_EVENTS_QUEUE);
        expected.addAll(HubTopology.DEAD_LETTER_QUEUE_NAMES);
        HubTopology.WORK_QUEUES.forEach(queue -> expected.add(queue.deadLetterQueue()));

        Map<String, String> documented = new LinkedHashMap<>();
        channels("queue")
                .forEach(channel -> documented.put(
                        channel.path("bindings")
                                .path("amqp")
                                .path("queue")
                                .path("name")
                                .asString(),
                        channel.path("address").asString()));

        assertSameNames("queue", expected, documented.keySet());
        documented.forEach((name, address) -> assertThat(address)
                .as(DOCUMENT + ": the address of the channel of queue " + name)
                .isEqualTo(name));
    }

    @Test
    void documentsTheBindingsOfTheTopology() {
        Map<String, List<String>> expectedKeys = new LinkedHashMap<>();
        Map<String, String> expectedBoundTo = new LinkedHashMap<>();
        for (WorkQueue queue : HubTopology.WORK_QUEUES) {
            expectedKeys.put(queue.name(), queue.bindingKeys());
            expectedBoundTo.put(queue.deadLetterQueue(), queue.deadLetterExchange());
        }
        expectedKeys.put(HubTopology.ODOO_EVENTS_QUEUE, List.of(HubTopology.ODOO_PRODUCT_ROUTING_KEY_PREFIX + "#"));
        expectedBoundTo.put(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE, HubTopology.ODOO_EVENTS_DEAD_LETTER_EXCHANGE);

        Map<String, List<String>> documentedKeys = new LinkedHashMap<>();
        Map<String, String> documentedBoundTo = new LinkedHashMap<>();
        Map<String, String> documentedDeadLetterExchanges = new LinkedHashMap<>();
        channels("queue").forEach(channel -> {
            String name = channel.path("address").asString();
            if (channel.has("x-binding-keys")) {
                documentedKeys.put(
                        name,
                        channel.path("x-binding-keys")
                                .valueStream()
                                .map(JsonNode::asString)
                                .toList());
            }
            if (channel.has("x-bound-to")) {
                documentedBoundTo.put(name, channel.path("x-bound-to").asString());
            }
            if (channel.has("x-dead-letter-exchange")) {
                documentedDeadLetterExchanges.put(
                        name, channel.path("x-dead-letter-exchange").asString());
            }
        });

        assertSameNames("binding key", entries(flatten(expectedKeys)), entries(flatten(documentedKeys)));
        assertSameNames("dead-letter queue binding", entries(expectedBoundTo), entries(documentedBoundTo));
        Map<String, String> deadLetterExchanges = new LinkedHashMap<>();
        HubTopology.WORK_QUEUES.forEach(queue -> deadLetterExchanges.put(queue.name(), queue.deadLetterExchange()));
        assertSameNames(
                "x-dead-letter-exchange of a work queue",
                entries(deadLetterExchanges),
                entries(documentedDeadLetterExchanges));
    }

    @Test
    void documentsTheRoutingKeyPatternsOfTheHubExchange() {
        Set<String> documentedKinds = new TreeSet<>();
        for (JsonNode channel : exchangeChannels(HubTopology.EXCHANGE)) {
            String address = channel.path("address").asString();
            Set<String> messageTypes = messageNames(channel);
            List<String> routingKeys = concreteAddresses(channel);
            assertThat(routingKeys)
                    .as(DOCUMENT + ": routing keys of " + address)
                    .isNotEmpty();
            for (String routingKey : routingKeys) {
                RoutingKey parsed = RoutingKey.parse(routingKey);
                assertThat(parsed.toString())
                        .as(DOCUMENT + ": " + address + " is not <source>.<kind>.<target>.<type> (" + routingKey + ")")
                        .isEqualTo(routingKey);
                documentedKinds.add(parsed.kind().name().toLowerCase());
                assertThat(messageTypes)
                        .as(DOCUMENT + ": channel " + address + " lacks the message of its routing key " + routingKey)
                        .contains(parsed.type());
                assertThat(HubTopology.WORK_QUEUES.stream()
                                .flatMap(queue -> queue.bindingKeys().stream())
                                .anyMatch(key -> topicMatches(key, routingKey)))
                        .as(DOCUMENT + ": no work queue of HubTopology is bound for " + routingKey + " (" + address
                                + ")")
                        .isTrue();
            }
            assertThat(routingKeys.stream()
                            .map(key -> RoutingKey.parse(key).type())
                            .collect(Collectors.toSet()))
                    .as(DOCUMENT + ": messages of " + address + " without a routing key")
                    .containsAll(messageTypes);
        }
        Set<String> kinds = Arrays.stream(RoutingKey.Kind.values())
                .map(kind -> kind.name().toLowerCase())
                .collect(Collectors.toCollection(TreeSet::new));
        assertSameNames("routing-key pattern <source>.<kind>.<target>.<type> of kind", kinds, documentedKinds);
    }

    @Test
    void documentsTheRoutingKeysOfProductEvents() {
        Set<String> expected = Arrays.stream(ProductEventType.values())
                .map(ProductEventType::routingKey)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        for (JsonNode channel : exchangeChannels(HubTopology.ODOO_EVENTS_EXCHANGE)) {
            assertThat(channel.path("address").asString())
                    .as(DOCUMENT + ": routing keys of " + HubTopology.ODOO_EVENTS_EXCHANGE)
                    .startsWith(HubTopology.ODOO_PRODUCT_ROUTING_KEY_PREFIX);
            documented.addAll(concreteAddresses(channel));
        }
        assertSameNames("product event routing key", expected, documented);
    }

    @Test
    void documentsEveryMessageTypeThatHasASchema() {
        Set<String> expected = SCHEMAS.schemaNames().stream()
                .filter(name -> name.startsWith(MessageSchemas.PAYLOADS) || name.equals(MessageSchemas.PRODUCT_EVENT))
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> documented = new TreeSet<>();
        ASYNCAPI.path("components").path("messages").properties().forEach(entry -> {
            String key = entry.getKey();
            JsonNode message = entry.getValue();
            String schema = messageSchemaOf(key, message);
            documented.add(schema);
            String expectedName = schema.substring(schema.lastIndexOf('/') + 1);
            assertThat(key).as(DOCUMENT + ": the message of schema " + schema).isEqualTo(expectedName);
            assertThat(message.path("name").asString())
                    .as(DOCUMENT + ": the name of message " + key)
                    .isEqualTo(expectedName);
            if (schema.startsWith(MessageSchemas.PAYLOADS)) {
                assertThat(refs(message.path("payload")))
                        .as(DOCUMENT + ": message " + key + " is an envelope")
                        .anyMatch(ref -> ref.endsWith("/" + ENVELOPE_FILE));
                assertThat(message.path("payload")
                                .findValue("message_type")
                                .path("const")
                                .asString())
                        .as(DOCUMENT + ": the message_type of message " + key)
                        .isEqualTo(key);
            }
        });

        assertSameNames("message schema", expected, documented);
    }

    @Test
    void everyExamplePassesItsSchema() {
        ASYNCAPI.path("components").path("messages").properties().forEach(entry -> {
            String key = entry.getKey();
            String schema = messageSchemaOf(key, entry.getValue());
            JsonNode examples = entry.getValue().path("examples");
            assertThat(examples.values())
                    .as(DOCUMENT + ": examples of message " + key)
                    .isNotEmpty();
            for (JsonNode example : examples) {
                JsonNode payload = example.path("payload");
                List<SchemaViolation> violations;
                if (schema.equals(MessageSchemas.PRODUCT_EVENT)) {
                    violations = SCHEMAS.violations(schema, payload);
                } else {
                    assertThat(payload.path("message_type").asString())
                            .as(DOCUMENT + ": message_type of example " + example.path("name") + " of " + key)
                            .isEqualTo(key);
                    violations = SCHEMAS.envelopeViolations(payload);
                }
                assertThat(violations)
                        .as(DOCUMENT + ": example " + example.path("name") + " of message " + key + " breaks " + schema)
                        .isEmpty();
            }
        });
    }

    @Test
    void everyEnvelopeExampleIsOfTheSchemasCurrentVersion() {
        assertThat(ASYNCAPI.path("info").path("description").asString())
                .as(DOCUMENT + ": info.description tells of schema_version")
                .contains(
                        "`schema_version`",
                        "The hub's publishers write the current version, " + MessageEnvelope.CURRENT_SCHEMA_VERSION
                                + ".");
        ASYNCAPI.path("components").path("messages").properties().forEach(entry -> {
            if (messageSchemaOf(entry.getKey(), entry.getValue()).equals(MessageSchemas.PRODUCT_EVENT)) {
                return;
            }
            for (JsonNode example : entry.getValue().path("examples")) {
                assertThat(example.path("payload").path("schema_version").asInt())
                        .as(DOCUMENT + ": schema_version of example " + example.path("name") + " of " + entry.getKey())
                        .isEqualTo(MessageEnvelope.CURRENT_SCHEMA_VERSION);
            }
        });
    }

    @Test
    void everyReferenceResolves() {
        List<String> unresolved = new ArrayList<>();
        refs(ASYNCAPI).forEach(ref -> {
            int hash = ref.indexOf('#');
            String file = hash < 0 ? ref : ref.substring(0, hash);
            String pointer = hash < 0 ? "" : ref.substring(hash + 1);
            JsonNode target;
            if (file.isEmpty()) {
                target = ASYNCAPI;
            } else {
                Path path = FILE.getParent().resolve(file).normalize();
                if (!Files.isRegularFile(path)) {
                    unresolved.add(ref + " (no file " + path + ")");
                    return;
                }
                target = read(path);
            }
            if (!pointer.isEmpty() && target.at(pointer).isMissingNode()) {
                unresolved.add(ref + " (nothing at " + pointer + ")");
            }
        });
        assertThat(unresolved).as(DOCUMENT + ": $ref that do not resolve").isEmpty();
    }

    @Test
    void operationsUseTheMessagesOfTheirChannelAndNameModules() {
        ASYNCAPI.path("operations").properties().forEach(entry -> {
            String name = entry.getKey();
            JsonNode operation = entry.getValue();
            assertThat(operation.path("action").asString())
                    .as(DOCUMENT + ": action of operation " + name)
                    .isIn("send", "receive");
            String channel = operation.path("channel").path("$ref").asString();
            assertThat(channel).as(DOCUMENT + ": channel of operation " + name).startsWith("#/channels/");
            operation
                    .path("messages")
                    .forEach(message -> assertThat(message.path("$ref").asString())
                            .as(DOCUMENT + ": operation " + name + " may only name messages of its channel " + channel)
                            .startsWith(channel + "/messages/"));
            assertThat(operation.path("tags").values())
                    .as(DOCUMENT + ": operation " + name + " names its application")
                    .hasSize(1)
                    .allSatisfy(tag -> {
                        String module = tag.path("name").asString();
                        assertThat(AppPermissions.repositoryFile(module + "/pom.xml"))
                                .as(DOCUMENT + ": operation " + name + " of module " + module)
                                .isRegularFile();
                    });
        });
    }

    /**
     * The schema a message of the document stands for: {@code payloads/<type>} or {@code odoo/product_event}.
     *
     * @param key the message's key under {@code components.messages}
     * @param message the message
     * @return the schema's name, as {@link MessageSchemas} knows it
     */
    private static String messageSchemaOf(String key, JsonNode message) {
        List<String> schemas = refs(message.path("payload")).stream()
                .map(ref -> schemaName(key, ref))
                .filter(name -> !name.equals(MessageSchemas.ENVELOPE))
                .toList();
        if (schemas.size() != 1) {
            fail(DOCUMENT + ": message " + key + " must reference one schema of a message under "
                    + MessageSchemas.LOCATION + " besides the envelope, not " + schemas);
        }
        return schemas.getFirst();
    }

    private static String schemaName(String key, String ref) {
        String marker = MessageSchemas.LOCATION;
        int at = ref.indexOf(marker);
        if (at < 0 || !ref.endsWith(".json")) {
            fail(DOCUMENT + ": message " + key + " references " + ref + ", not a schema file under " + marker);
        }
        return ref.substring(at + marker.length(), ref.length() - ".json".length());
    }

    private static void assertSameNames(String what, Set<String> expected, Set<String> documented) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(expected);
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add(DOCUMENT + " lacks the " + what + "(s) " + missing + " that the code has");
        }
        if (!stale.isEmpty()) {
            problems.add(DOCUMENT + " names the " + what + "(s) " + stale + " that the code does not have (stale)");
        }
        if (!problems.isEmpty()) {
            fail(String.join("; ", problems));
        }
    }

    private static List<JsonNode> channels(String kind) {
        return ASYNCAPI.path("channels")
                .valueStream()
                .filter(channel -> channel.path("bindings")
                        .path("amqp")
                        .path("is")
                        .asString()
                        .equals(kind))
                .toList();
    }

    private static List<JsonNode> exchangeChannels(String exchange) {
        return channels("routingKey").stream()
                .filter(channel -> channel.path("bindings")
                        .path("amqp")
                        .path("exchange")
                        .path("name")
                        .asString()
                        .equals(exchange))
                .toList();
    }

    private static Set<String> messageNames(JsonNode channel) {
        return channel.path("messages")
                .valueStream()
                .map(message -> {
                    String ref = message.path("$ref").asString();
                    return ASYNCAPI.at(ref.substring(1)).path("name").asString();
                })
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Every address a channel stands for: its address with each of its parameters replaced by each value of the
     * parameter's enum.
     */
    private static List<String> concreteAddresses(JsonNode channel) {
        List<String> addresses = List.of(channel.path("address").asString());
        for (Map.Entry<String, JsonNode> parameter : channel.path("parameters").properties()) {
            String placeholder = "{" + parameter.getKey() + "}";
            List<String> values = parameter
                    .getValue()
                    .path("enum")
                    .valueStream()
                    .map(JsonNode::asString)
                    .toList();
            addresses = addresses.stream()
                    .flatMap(address -> values.stream().map(value -> address.replace(placeholder, value)))
                    .toList();
        }
        addresses.forEach(address -> assertThat(address)
                .as(DOCUMENT + ": a parameter of " + channel.path("address") + " without its enum")
                .doesNotContain("{"));
        return addresses;
    }

    private static List<String> refs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        collectRefs(node, refs);
        return refs;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref") && entry.getValue().isString()) {
                    refs.add(entry.getValue().asString());
                } else {
                    collectRefs(entry.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }

    /** Whether a topic exchange routes a routing key to a binding key ({@code *} one word, {@code #} any). */
    static boolean topicMatches(String bindingKey, String routingKey) {
        return topicMatches(bindingKey.split("\\."), 0, routingKey.split("\\."), 0);
    }

    private static boolean topicMatches(String[] key, int k, String[] words, int w) {
        if (k == key.length) {
            return w == words.length;
        }
        if (key[k].equals("#")) {
            for (int next = w; next <= words.length; next++) {
                if (topicMatches(key, k + 1, words, next)) {
                    return true;
                }
            }
            return false;
        }
        return w < words.length
                && (key[k].equals("*") || key[k].equals(words[w]))
                && topicMatches(key, k + 1, words, w + 1);
    }

    private static Map<String, String> flatten(Map<String, List<String>> keys) {
        Map<String, String> flat = new LinkedHashMap<>();
        keys.forEach((queue, list) -> list.forEach(key -> flat.put(queue + ": " + key, key)));
        return flat;
    }

    private static Set<String> entries(Map<String, String> map) {
        return map.entrySet().stream()
                .map(entry -> entry.getKey().contains(": ") ? entry.getKey() : entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonNode read(Path file) {
        try {
            String text = Files.readString(file);
            return file.toString().endsWith(".json")
                    ? JsonMapper.builder().build().readTree(text)
                    : YAMLMapper.builder().build().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
