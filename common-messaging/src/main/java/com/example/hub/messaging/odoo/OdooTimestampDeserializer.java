package com.example.hub.messaging.odoo;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads an event's ISO-8601 timestamp as Odoo's clients write it: with {@code Z} ({@code 2025-05-20T10:00:00.000Z},
 * JavaScript), with an offset ({@code 2025-05-20T12:00:00+02:00}, Python), or without one, which Odoo means as UTC
 * ({@code 2025-05-20T10:00:00}).
 */
class OdooTimestampDeserializer extends ValueDeserializer<Instant> {

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (Instant) context.handleUnexpectedToken(Instant.class, parser);
        }
        String text = parser.getString().strip();
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
            if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Instant.from(parsed);
            }
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException ex) {
            throw context.weirdStringException(text, Instant.class, "not an ISO-8601 date-time");
        }
    }
}
