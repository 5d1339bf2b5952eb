package com.example.hub.messaging.envelope;

import com.example.hub.messaging.failure.PermanentMessageException;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an envelope's payload into a typed record and back. A payload that does not fit its record, or breaks one of
 * its constraints, is a {@link PermanentMessageException} that names each bad field: it goes to the dead-letter queue
 * at once.
 */
public class PayloadMapper {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JsonMapper jsonMapper;

    private final @Nullable Validator validator;

    public PayloadMapper(JsonMapper jsonMapper, @Nullable Validator validator) {
        this.jsonMapper = jsonMapper;
        this.validator = validator;
    }

    /**
     * Reads and validates a payload.
     *
     * @param payload the payload (or context) of an envelope
     * @param type the record to read it as
     * @param <T> the record type
     * @return the record
     * @throws PermanentMessageException when the payload does not fit or is invalid
     */
    public <T> T read(@Nullable Map<String, Object> payload, Class<T> type) {
        if (payload == null) {
            throw new PermanentMessageException("The message has no payload for " + type.getSimpleName());
        }
        T value;
        try {
            value = this.jsonMapper.convertValue(payload, type);
        } catch (JacksonException | IllegalArgumentException ex) {
            throw new PermanentMessageException(
                    "The payload is not a valid " + type.getSimpleName() + ": " + ex.getMessage(), ex);
        }
        if (this.validator != null) {
            Errors errors = new BeanPropertyBindingResult(value, type.getSimpleName());
            this.validator.validate(value, errors);
            if (errors.hasErrors()) {
                String fields = errors.getFieldErrors().stream()
                        .map(error -> FieldNames.snakeCase(error.getField()) + " " + error.getDefaultMessage())
                        .sorted()
                        .collect(Collectors.joining(", "));
                throw new PermanentMessageException("Invalid " + type.getSimpleName() + ": " + fields);
            }
        }
        return value;
    }

    /**
     * Writes a record as a payload.
     *
     * @param value a record
     * @return the payload
     */
    public Map<String, Object> write(Object value) {
        return this.jsonMapper.convertValue(value, MAP);
    }
}
