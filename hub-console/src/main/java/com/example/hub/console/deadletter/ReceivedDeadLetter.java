package com.example.hub.console.deadletter;

import com.example.hub.messaging.failure.DeadLetterHeaders;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dead letter as the ledger stores it, read from a message of a dead-letter queue: where it came from and why it
 * failed, from the headers that the hub's recoverer ({@code DeadLetterRecoverer}) or the broker (its {@code x-death})
 * wrote, and the message itself. Reading never fails: what a message lacks is left empty, and texts are cut to their
 * columns, so that no message can be one the ledger cannot store.
 *
 * @param fingerprint the natural key of the dead letter ({@link #fingerprintOf}): a redelivered dead letter has the
 *     same one
 * @param queue the dead-letter queue it was read from
 * @param exchange the exchange the message was originally published to
 * @param routingKey its original routing key
 * @param messageId its message id
 * @param messageType the {@code message_type} of its body (an Odoo event's {@code event_type})
 * @param requestId the {@code request_id} of its body (an Odoo event's {@code event_id})
 * @param cause the failure's kind, exception class and reason template
 * @param exceptionMessage the failure's reason
 * @param attempts how often it was tried
 * @param failedService the service that gave up on it
 * @param failedAt when it was dead-lettered
 * @param headers its headers, as JSON
 * @param properties its other AMQP properties that a replay keeps, as JSON
 * @param body its body
 */
record ReceivedDeadLetter(
        String fingerprint,
        String queue,
        @Nullable String exchange,
        @Nullable String routingKey,
        @Nullable String messageId,
        @Nullable String messageType,
        @Nullable String requestId,
        FailureCause cause,
        @Nullable String exceptionMessage,
        @Nullable Integer attempts,
        @Nullable String failedService,
        Instant failedAt,
        String headers,
        String properties,
        byte[] body) {

    /** The longest text of the short columns (VARCHAR(255)). */
    static final int MAX_SHORT_TEXT = 255;

    /** The longest reason kept. */
    static final int MAX_REASON = 4000;

    /**
     * Reads a message of a dead-letter queue.
     *
     * @param message the message
     * @param json reads the body and writes the headers
     * @param receivedAt when it was received, the failure time of a dead letter that does not say
     * @return the dead letter
     */
    static ReceivedDeadLetter from(Message message, JsonMapper json, Instant receivedAt) {
        MessageProperties properties = message.getMessageProperties();
        Map<String, @Nullable Object> headers = properties.getHeaders();
        Map<String, @Nullable Object> firstDeath = firstDeath(headers);
        String queue = text(properties.getConsumerQueue(), "");
        String exchange = firstText(
                headers.get(DeadLetterHeaders.ORIGINAL_EXCHANGE),
                firstDeath.get("exchange"),
                headers.get("x-first-death-exchange"));
        String routingKey = firstText(
                headers.get(DeadLetterHeaders.ORIGINAL_ROUTING_KEY),
                firstElement(firstDeath.get("routing-keys")),
                properties.getReceivedRoutingKey());
        JsonNode body = readBody(message.getBody(), json);
        String brokerReason = firstText(firstDeath.get("reason"), headers.get("x-first-death-reason"));
        String failureKind = firstText(
                headers.get(DeadLetterHeaders.FAILURE_KIND),
                brokerReason != null ? "broker-" + brokerReason : null,
                "unknown");
        String exceptionMessage = cut(text(headers.get(DeadLetterHeaders.EXCEPTION_MESSAGE), null), MAX_REASON);
        String reason = exceptionMessage != null || brokerReason == null
                ? exceptionMessage
                : "dead-lettered by the broker: " + brokerReason;
        FailureCause cause = FailureCause.of(
                shortText(failureKind), shortText(text(headers.get(DeadLetterHeaders.EXCEPTION_CLASS), null)), reason);
        Instant failedAt = firstInstant(headers.get(DeadLetterHeaders.FAILED_AT), firstDeath.get("time"), receivedAt);
        String messageId = properties.getMessageId();
        return new ReceivedDeadLetter(
                fingerprintOf(queue, messageId, message.getBody(), headers, firstDeath),
                shortText(queue),
                shortText(exchange),
                shortText(routingKey),
                shortText(messageId),
                shortText(firstText(field(body, "message_type"), field(body, "event_type"))),
                shortText(firstText(field(body, "request_id"), field(body, "event_id"))),
                cause,
                reason,
                number(headers.get(DeadLetterHeaders.ATTEMPTS)),
                shortText(text(headers.get(DeadLetterHeaders.FAILED_SERVICE), null)),
                failedAt,
                json.writeValueAsString(plain(headers)),
                json.writeValueAsString(keptProperties(properties)),
                message.getBody());
    }

    /**
     * The natural key of a dead letter: the SHA-256 of its dead-letter queue, its message id (or, without one, the
     * SHA-256 of its body) and the mark of its death: the {@code x-failed-at} of the hub's recoverer, else the time,
     * queue, reason and count of the broker's first {@code x-death} entry. A redelivered dead letter carries the same
     * ones, so it is stored once; the same message dead-lettered again after a replay died at another time, so it is a
     * dead letter of its own.
     */
    static String fingerprintOf(
            String queue,
            @Nullable String messageId,
            byte[] body,
            Map<String, @Nullable Object> headers,
            Map<String, @Nullable Object> firstDeath) {
        String identity = messageId != null ? "id:" + messageId : "body:" + FailureCause.sha256(body);
        Object failedAt = headers.get(DeadLetterHeaders.FAILED_AT);
        String death = failedAt != null
                ? "failed-at:" + failedAt
                : "x-death:" + instantText(firstDeath.get("time")) + "|" + firstDeath.get("queue") + "|"
                        + firstDeath.get("reason") + "|" + firstDeath.get("count");
        return FailureCause.sha256(queue + "\n" + identity + "\n" + death);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> firstDeath(Map<String, @Nullable Object> headers) {
        if (headers.get("x-death") instanceof List<?> deaths
                && !deaths.isEmpty()
                && deaths.getFirst() instanceof Map<?, ?> first) {
            return (Map<String, @Nullable Object>) first;
        }
        return Map.of();
    }

    private static JsonNode readBody(byte[] body, JsonMapper json) {
        try {
            return json.readTree(body);
        } catch (JacksonException | IllegalArgumentException ex) {
            // not JSON: kept as it is, without the fields of an envelope
            return json.missingNode();
        }
    }

    private static @Nullable String field(JsonNode body, String name) {
        JsonNode field = body.path(name);
        return field.isString() || field.isNumber() ? field.asString() : null;
    }

    /** The AMQP properties that a replay restores, besides the message id and the headers. */
    private static Map<String, Object> keptProperties(MessageProperties properties) {
        Map<String, Object> kept = new LinkedHashMap<>();
        putIfSet(kept, "content_type", properties.getContentType());
        putIfSet(kept, "content_encoding", properties.getContentEncoding());
        putIfSet(kept, "correlation_id", properties.getCorrelationId());
        putIfSet(kept, "app_id", properties.getAppId());
        putIfSet(kept, "type", properties.getType());
        putIfSet(kept, "user_id", properties.getUserId());
        putIfSet(kept, "priority", properties.getPriority());
        if (properties.getTimestamp() != null) {
            kept.put("timestamp", properties.getTimestamp().toInstant().toString());
        }
        return kept;
    }

    private static void putIfSet(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Headers as JSON can hold them: dates as ISO-8601 text, nested tables and arrays as objects and lists. */
    static @Nullable Object plain(@Nullable Object value) {
        return switch (value) {
            case null -> null;
            case Map<?, ?> map -> {
                Map<String, @Nullable Object> plain = new TreeMap<>();
                map.forEach((key, item) -> plain.put(String.valueOf(key), plain(item)));
                yield plain;
            }
            case List<?> list -> list.stream().map(ReceivedDeadLetter::plain).toList();
            case Date date -> date.toInstant().toString();
            case byte[] bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            case Number number -> number;
            case Boolean bool -> bool;
            default -> value.toString();
        };
    }

    private static @Nullable String firstText(@Nullable Object... candidates) {
        for (Object candidate : candidates) {
            String text = text(candidate, null);
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    private static @Nullable Object firstElement(@Nullable Object list) {
        return list instanceof List<?> items && !items.isEmpty() ? items.getFirst() : null;
    }

    private static @Nullable String text(@Nullable Object value, @Nullable String otherwise) {
        // PostgreSQL's text columns take no NUL character
        return value != null ? value.toString().replace("\u0000", "") : otherwise;
    }

    private static @Nullable String shortText(@Nullable String text) {
        return cut(text, MAX_SHORT_TEXT);
    }

    private static @Nullable String cut(@Nullable String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    private static @Nullable Integer number(@Nullable Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return value != null ? Integer.valueOf(value.toString().strip()) : null;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static Instant firstInstant(@Nullable Object header, @Nullable Object deathTime, Instant otherwise) {
        if (header != null) {
            try {
                return Instant.parse(header.toString());
            } catch (DateTimeParseException ex) {
                // an unreadable time: the broker's, or when it was received
            }
        }
        if (deathTime instanceof Date date) {
            return date.toInstant();
        }
        return otherwise;
    }

    private static String instantText(@Nullable Object time) {
        return time instanceof Date date ? date.toInstant().toString() : String.valueOf(time);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedDeadLetter that && this.fingerprint.equals(that.fingerprint);
    }

    @Override
    public int hashCode() {
        return this.fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "dead letter " + this.messageId + " of " + this.queue;
    }
}
