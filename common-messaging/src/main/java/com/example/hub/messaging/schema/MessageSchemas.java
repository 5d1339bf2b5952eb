package com.example.hub.messaging.schema;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.odoo.ProductEvent;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas of the hub's messages, loaded from {@value #LOCATION} on the class path: {@code envelope} (every
 * message on {@code main_exchange}), {@code payloads/<message_type>} (the payload of each message type the hub sends),
 * {@code odoo/product_event} (Odoo's product events) and {@code http/*} (the bodies of 1C's requests). A schema is
 * named by its path there without {@code .json}.
 *
 * <p>An envelope is checked against the envelope's schema and its payload against the schema of its message type; a
 * message type without a schema passes with its envelope checked only: its consumer decides what it accepts (every
 * consumer of the hub dead-letters a message type it does not handle, saying which it does).
 *
 * <p>A received envelope is first checked for its {@code schema_version} (absent means 1): one of a version outside
 * the supported ones fails with an {@link UnsupportedSchemaVersionException}, before its schema is looked at.
 */
public class MessageSchemas {

    /** Where the schemas are, on the class path. */
    public static final String LOCATION = "hub/schemas/";

    /** The base of the schemas' {@code $id}s, which maps to {@link #LOCATION}. */
    public static final String ID_PREFIX = "https://hub.example.com/schemas/";

    /** The schema of every message on {@code main_exchange}. */
    public static final String ENVELOPE = "envelope";

    /** The schema of Odoo's product events. */
    public static final String PRODUCT_EVENT = "odoo/product_event";

    /** The folder of the payloads' schemas, one per message type. */
    public static final String PAYLOADS = "payloads/";

    private static final String PAYLOAD_LOCATION = "/payload";

    private final Map<String, Schema> schemas;

    /** Each schema's JSON by its {@code $id}, to find a property's schema beside a {@code required}. */
    private final Map<String, JsonNode> documents;

    private final JsonMapper jsonMapper;

    /** The envelope's schema versions a received envelope may be of, ascending. */
    private final List<Integer> supportedVersions;

    /**
     * Loads every schema under {@value #LOCATION}; received envelopes may be of version 1 or the current one.
     *
     * @param jsonMapper the mapper that reads received bodies and writes the messages to be published, as they go
     *     over the wire
     */
    public MessageSchemas(JsonMapper jsonMapper) {
        this(jsonMapper, List.of());
    }

    /**
     * Loads every schema under {@value #LOCATION}.
     *
     * @param jsonMapper the mapper that reads received bodies and writes the messages to be published, as they go
     *     over the wire
     * @param supportedVersions the envelope's schema versions a received envelope may be of; empty for 1 and {@link
     *     MessageEnvelope#CURRENT_SCHEMA_VERSION}
     * @throws IllegalArgumentException when a version is below 1 or above the current one, which this build cannot
     *     read
     */
    public MessageSchemas(JsonMapper jsonMapper, Collection<Integer> supportedVersions) {
        this.jsonMapper = jsonMapper;
        this.supportedVersions = supported(supportedVersions);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .pathType(PathType.JSON_POINTER)
                                .errorMessageKeyword("message")
                                .formatAssertionsEnabled(true)
                                .locale(Locale.ROOT)
                                .build())
                        .schemaIdResolvers(resolvers -> resolvers.mapPrefix(ID_PREFIX, "classpath:" + LOCATION)));
        Map<String, Schema> loaded = new TreeMap<>();
        for (String name : names()) {
            Schema schema = registry.getSchema(SchemaLocation.of(ID_PREFIX + name + ".json"));
            schema.initializeValidators();
            loaded.put(name, schema);
        }
        this.schemas = Map.copyOf(loaded);
        Map<String, JsonNode> documents = new TreeMap<>();
        loaded.values()
                .forEach(schema -> documents.put(
                        schema.getSchemaLocation().getAbsoluteIri().toString(), schema.getSchemaNode()));
        this.documents = Map.copyOf(documents);
    }

    /**
     * The envelope's schema versions that received envelopes may be of.
     *
     * @return the versions, ascending
     */
    public List<Integer> supportedVersions() {
        return this.supportedVersions;
    }

    /**
     * The names of the schemas.
     *
     * @return the names, such as {@code envelope} and {@code payloads/create_user}
     */
    public Set<String> schemaNames() {
        return new TreeSet<>(this.schemas.keySet());
    }

    /**
     * A schema's JSON, as written.
     *
     * @param schemaName the schema's name
     * @return its JSON
     * @throws IllegalArgumentException when there is no such schema
     */
    public JsonNode schemaNode(String schemaName) {
        Schema schema = this.schemas.get(schemaName);
        if (schema == null) {
            throw new IllegalArgumentException("No schema " + schemaName + " under " + LOCATION);
        }
        return schema.getSchemaNode();
    }

    /**
     * The schema of a message type's payload.
     *
     * @param messageType a message type in any case, such as {@code create_user}
     * @return its schema's name, empty when the type has none
     */
    public Optional<String> payloadSchemaOf(String messageType) {
        String name = PAYLOADS + messageType.toLowerCase(Locale.ROOT);
        return this.schemas.containsKey(name) ? Optional.of(name) : Optional.empty();
    }

    /**
     * What a document gets wrong by a schema.
     *
     * @param schemaName the schema's name
     * @param document the document
     * @return the violations, in the order of their locations; empty when it is valid
     * @throws IllegalArgumentException when there is no such schema
     */
    public List<SchemaViolation> violations(String schemaName, JsonNode document) {
        Schema schema = this.schemas.get(schemaName);
        if (schema == null) {
            throw new IllegalArgumentException("No schema " + schemaName + " under " + LOCATION);
        }
        return sorted(schema.validate(document).stream().map(this::violation));
    }

    /**
     * What an envelope gets wrong: by the envelope's schema, and its payload by the schema of its message type.
     *
     * @param envelope the envelope as JSON
     * @return the violations, their locations from the envelope's root ({@code /payload/email}); empty when valid
     */
    public List<SchemaViolation> envelopeViolations(JsonNode envelope) {
        List<SchemaViolation> violations = new ArrayList<>(violations(ENVELOPE, envelope));
        JsonNode messageType = envelope.path("message_type");
        JsonNode payload = envelope.path("payload");
        if (messageType.isString() && payload.isObject()) {
            payloadSchemaOf(messageType.asString())
                    .ifPresent(schema -> violations(schema, payload).stream()
                            .map(violation -> new SchemaViolation(
                                    PAYLOAD_LOCATION + violation.location(), violation.message(), violation.keyword()))
                            .forEach(violations::add));
        }
        return sorted(violations.stream());
    }

    /**
     * Checks a message before it is published: an envelope or a product event that breaks its schema is not sent.
     * Other bodies are not the hub's messages and are not checked.
     *
     * @param body the message to be published
     * @throws InvalidMessageException when the message breaks its schema
     */
    public void checkOutgoing(Object body) {
        if (body instanceof MessageEnvelope) {
            List<SchemaViolation> violations = envelopeViolations(this.jsonMapper.valueToTree(body));
            if (!violations.isEmpty()) {
                throw new InvalidMessageException("message", ENVELOPE, violations);
            }
        } else if (body instanceof ProductEvent) {
            List<SchemaViolation> violations = violations(PRODUCT_EVENT, this.jsonMapper.valueToTree(body));
            if (!violations.isEmpty()) {
                throw new InvalidMessageException("product event", PRODUCT_EVENT, violations);
            }
        }
    }

    /**
     * Checks a received message that is to be read as an envelope or a product event. A body that is not JSON at all
     * is left to the converter, which fails on it as before.
     *
     * @param body the received body
     * @param target what it is to be read as: {@link MessageEnvelope} or {@link ProductEvent}; anything else is not
     *     checked
     * @throws InvalidMessageException when the message breaks its schema
     */
    public void checkIncoming(byte[] body, @Nullable Type target) {
        if (target != MessageEnvelope.class && target != ProductEvent.class) {
            return;
        }
        JsonNode document;
        try {
            document = this.jsonMapper.readTree(body);
        } catch (JacksonException ex) {
            return;
        }
        if (target == MessageEnvelope.class) {
            checkVersion(document);
            List<SchemaViolation> violations = envelopeViolations(document);
            if (!violations.isEmpty()) {
                throw new InvalidMessageException("message", ENVELOPE, violations);
            }
        } else {
            List<SchemaViolation> violations = violations(PRODUCT_EVENT, document);
            if (!violations.isEmpty()) {
                throw new InvalidMessageException("product event", PRODUCT_EVENT, violations);
            }
        }
    }

    /**
     * An envelope's {@code schema_version}, when it is an integer, must be a supported one; absent or null, it is 1.
     * Any other value is left to the envelope's schema, which says what is wrong with it.
     */
    private void checkVersion(JsonNode envelope) {
        JsonNode version = envelope.path("schema_version");
        if (!version.isIntegralNumber()) {
            if (!version.isMissingNode() && !version.isNull()) {
                return;
            }
            if (this.supportedVersions.contains(MessageEnvelope.UNVERSIONED)) {
                return;
            }
            throw new UnsupportedSchemaVersionException(
                    "absent (" + MessageEnvelope.UNVERSIONED + ")", this.supportedVersions);
        }
        if (!version.canConvertToInt() || !this.supportedVersions.contains(version.intValue())) {
            throw new UnsupportedSchemaVersionException(version.asString(), this.supportedVersions);
        }
    }

    private static List<Integer> supported(Collection<Integer> versions) {
        SortedSet<Integer> supported = new TreeSet<>(versions);
        if (supported.isEmpty()) {
            supported.add(MessageEnvelope.UNVERSIONED);
            supported.add(MessageEnvelope.CURRENT_SCHEMA_VERSION);
        }
        if (supported.first() < 1 || supported.last() > MessageEnvelope.CURRENT_SCHEMA_VERSION) {
            throw new IllegalArgumentException("hub.messaging.schemas.supported-versions must be between 1 and "
                    + MessageEnvelope.CURRENT_SCHEMA_VERSION + ", the version of the schemas this build has: "
                    + supported);
        }
        return List.copyOf(supported);
    }

    private static List<SchemaViolation> sorted(java.util.stream.Stream<SchemaViolation> violations) {
        return violations
                .distinct()
                .sorted(Comparator.comparing(SchemaViolation::field).thenComparing(SchemaViolation::message))
                .toList();
    }

    private SchemaViolation violation(Error error) {
        String location = error.getInstanceLocation().toString();
        String keyword = String.valueOf(error.getKeyword());
        if ("required".equals(keyword) && error.getProperty() != null) {
            return new SchemaViolation(location + "/" + error.getProperty(), requiredMessage(error), keyword);
        }
        if (error.isCustomMessage()) {
            return new SchemaViolation(location, withoutLocation(error.getMessage(), location), keyword);
        }
        return new SchemaViolation(location, message(error, keyword), keyword);
    }

    /**
     * A missing property that must not be blank is blank, as Bean Validation says it; any other is null. The property's
     * schema is found beside the {@code required} that names it, or at the root of its schema.
     */
    private String requiredMessage(Error error) {
        SchemaLocation location = error.getSchemaLocation();
        JsonNode root = this.documents.get(location.getAbsoluteIri().toString());
        if (root == null) {
            return "must not be null";
        }
        String pointer = location.getFragment().toString();
        String parent = pointer.contains("/") ? pointer.substring(0, pointer.lastIndexOf('/')) : "";
        String property = String.valueOf(error.getProperty());
        JsonNode schema = root.at(parent).path("properties").path(property);
        if (schema.isMissingNode()) {
            schema = root.path("properties").path(property);
        }
        return schema.path("$ref").asString("").endsWith("/nonBlank") ? "must not be blank" : "must not be null";
    }

    private static String message(Error error, String keyword) {
        JsonNode value = keywordValue(error, keyword);
        JsonNode instance = error.getInstanceNode();
        return switch (keyword) {
            case "type" -> "must be " + typeName(value);
            case "enum" ->
                "must be one of "
                        + StreamSupport.stream(value.spliterator(), false)
                                .map(JsonNode::asString)
                                .collect(Collectors.joining(", "))
                        + (instance != null ? ", not " + instance : "");
            case "const" -> "must be " + value + (instance != null ? ", not " + instance : "");
            case "maxLength" -> "size must be between 0 and " + value.asString();
            default ->
                withoutLocation(error.getMessage(), error.getInstanceLocation().toString());
        };
    }

    /** The value of the keyword that failed: the error's schema node, or that node's member of the keyword's name. */
    private static JsonNode keywordValue(Error error, String keyword) {
        JsonNode node = error.getSchemaNode();
        if (node == null) {
            return tools.jackson.databind.node.MissingNode.getInstance();
        }
        return node.isObject() && node.has(keyword) ? node.get(keyword) : node;
    }

    private static String typeName(JsonNode type) {
        List<String> names = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(name -> names.add(name.asString()));
        } else if (type.isString()) {
            names.add(type.asString());
        }
        names.remove("null");
        if (names.size() != 1) {
            return "of type " + String.join(" or ", names);
        }
        return switch (names.getFirst()) {
            case "string" -> "a string";
            case "object" -> "a JSON object";
            case "array" -> "a JSON array";
            case "boolean" -> "true or false";
            case "integer" -> "an integer";
            case "number" -> "a number";
            default -> "of type " + names.getFirst();
        };
    }

    private static String withoutLocation(String message, String location) {
        String prefix = location + ": ";
        if (!location.isEmpty() && message.startsWith(prefix)) {
            return message.substring(prefix.length());
        }
        if (message.startsWith(": ")) {
            return message.substring(2);
        }
        return message;
    }

    private static List<String> names() {
        try {
            Resource[] resources =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:" + LOCATION + "**/*.json");
            List<String> names = new ArrayList<>();
            for (Resource resource : resources) {
                String url = resource.getURL().toString();
                String name = url.substring(url.lastIndexOf(LOCATION) + LOCATION.length(), url.length() - 5);
                if (!name.equals("defs")) {
                    names.add(name);
                }
            }
            if (names.isEmpty()) {
                throw new IllegalStateException("No JSON Schemas under " + LOCATION + " on the class path");
            }
            return names;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
