package com.example.hub.onec.send;

import com.example.hub.messaging.schema.MessageSchemas;
import com.example.hub.messaging.schema.SchemaViolation;
import com.example.hub.onec.web.InvalidRequestBodyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the body of each request of 1C against its JSON Schema ({@code http/send_to_dms}, {@code http/send_to_crm} of
 * common-messaging's schemas) before it is read: a body the schema rejects is answered {@code 400} with each
 * violation's field and location, before Bean Validation. A body that is not JSON at all, or empty, is left to the
 * JSON reader, whose problem body names it as before; so is every body when the schemas are off ({@code
 * hub.messaging.schemas.enabled=false}).
 */
@ControllerAdvice
class RequestBodySchemas extends RequestBodyAdviceAdapter {

    private static final Map<Type, String> SCHEMAS =
            Map.of(SendToDmsRequest.class, "http/send_to_dms", SendToCrmRequest.class, "http/send_to_crm");

    private final ObjectProvider<MessageSchemas> schemas;

    private final JsonMapper jsonMapper;

    RequestBodySchemas(ObjectProvider<MessageSchemas> schemas, JsonMapper jsonMapper) {
        this.schemas = schemas;
        this.jsonMapper = jsonMapper;
    }

    @Override
    public boolean supports(
            MethodParameter methodParameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return SCHEMAS.containsKey(targetType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        MessageSchemas messageSchemas = this.schemas.getIfAvailable();
        if (messageSchemas == null) {
            return inputMessage;
        }
        // read within the adapter's body limit: a body beyond it fails here as it would in the JSON reader
        byte[] body = inputMessage.getBody().readAllBytes();
        JsonNode document = parse(body);
        if (document != null) {
            String schema = SCHEMAS.get(targetType);
            List<SchemaViolation> violations = messageSchemas.violations(schema, document);
            if (!violations.isEmpty()) {
                throw new InvalidRequestBodyException(schema, violations);
            }
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return inputMessage.getHeaders();
            }
        };
    }

    private @Nullable JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return this.jsonMapper.readTree(body);
        } catch (JacksonException ex) {
            return null;
        }
    }
}
