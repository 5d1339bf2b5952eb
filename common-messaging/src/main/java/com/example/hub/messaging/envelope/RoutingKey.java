package com.example.hub.messaging.envelope;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A routing key of the hub: {@code <source>.<request|response>.<target>.<type>}, always lower case.
 *
 * @param source the system that sends the message, for example {@code 1c}
 * @param kind whether it is a request or a response
 * @param target the system the message is addressed to, for example {@code dms}
 * @param type the message type, for example {@code create_user}
 */
public record RoutingKey(String source, Kind kind, String target, String type) {

    private static final Pattern SYSTEM = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private static final Pattern KEY = Pattern.compile("([^.]+)\\.(request|response)\\.([^.]+)\\.([^.]+)");

    public RoutingKey {
        source = system(source, "source");
        target = system(target, "target");
        if (kind == null) {
            throw new IllegalArgumentException("A routing key needs a kind (request or response)");
        }
        if (type == null || !TYPE.matcher(type.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException(
                    "Invalid message type '" + type + "': expected lower-case letters, digits, '_' or '-' and no dots");
        }
        type = type.toLowerCase(Locale.ROOT);
    }

    /**
     * A request routing key.
     *
     * @param source the sending system
     * @param target the receiving system
     * @param type the message type
     * @return {@code <source>.request.<target>.<type>}
     */
    public static RoutingKey request(String source, String target, String type) {
        return new RoutingKey(source, Kind.REQUEST, target, type);
    }

    /**
     * A response routing key.
     *
     * @param source the answering system
     * @param target the system that asked
     * @param type the message type
     * @return {@code <source>.response.<target>.<type>}
     */
    public static RoutingKey response(String source, String target, String type) {
        return new RoutingKey(source, Kind.RESPONSE, target, type);
    }

    /**
     * Parses a routing key.
     *
     * @param value a routing key such as {@code 1c.request.dms.create_user}
     * @return the routing key
     * @throws IllegalArgumentException when the value is not {@code <source>.<request|response>.<target>.<type>}
     */
    public static RoutingKey parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("A routing key must not be null");
        }
        Matcher matcher = KEY.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "Malformed routing key '" + value + "': expected <source>.<request|response>.<target>.<type>");
        }
        return new RoutingKey(
                matcher.group(1),
                Kind.valueOf(matcher.group(2).toUpperCase(Locale.ROOT)),
                matcher.group(3),
                matcher.group(4));
    }

    /**
     * Normalises a system name as it appears in routing keys: lower case, for example {@code 1C} becomes {@code 1c}.
     *
     * @param name a system name in any case
     * @return the lower-case name
     * @throws IllegalArgumentException when the name cannot be part of a routing key
     */
    public static String systemName(String name) {
        return system(name, "system");
    }

    private static String system(String name, String role) {
        if (name == null || !SYSTEM.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException(
                    "Invalid " + role + " system '" + name + "': expected letters, digits, '_' or '-' and no dots");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return source + "." + kind.word + "." + target + "." + type;
    }

    /** Whether a message asks for something or answers. */
    public enum Kind {
        REQUEST("request"),
        RESPONSE("response");

        private final String word;

        Kind(String word) {
            this.word = word;
        }
    }
}
