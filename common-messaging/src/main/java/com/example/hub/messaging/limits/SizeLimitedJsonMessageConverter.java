package com.example.hub.messaging.limits;

import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.schema.MessageSchemas;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConversionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub's JSON message converter that first checks a received message against {@link MessageLimits}: a body or
 * headers beyond them fail with a {@link MessageTooLargeException}, before any of it is parsed. Every listener of the
 * hub converts what it receives through this converter, inside its retry advice, so such a message is a permanent
 * failure that the dead-letter recoverer sends to the queue's dead-letter queue with the reason. The stack trace that
 * dead-lettering records ({@code x-exception-stacktrace}), which a replayed dead letter carries back, is not counted:
 * the broker's frame size (128 KB) bounds it.
 */
public class SizeLimitedJsonMessageConverter extends JacksonJsonMessageConverter {

    private final long maxMessageSize;

    private final long maxHeadersSize;

    private @Nullable MessageSchemas schemas;

    /**
     * A converter with the given mapper and limits.
     *
     * @param jsonMapper the mapper that reads and writes the bodies
     * @param limits the limits of a received message
     */
    public SizeLimitedJsonMessageConverter(JsonMapper jsonMapper, MessageLimits limits) {
        super(jsonMapper);
        this.maxMessageSize = limits.maxMessageSize().toBytes();
        this.maxHeadersSize = limits.maxHeadersSize().toBytes();
    }

    /**
     * The schemas that a received envelope or product event is checked against before it is read: one that breaks its
     * schema fails with an {@link com.example.hub.messaging.schema.InvalidMessageException} naming each violation, a
     * permanent failure. None by default.
     *
     * @param schemas the hub's message schemas, or {@code null} to check none
     */
    public void setSchemas(@Nullable MessageSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public Object fromMessage(Message message) throws MessageConversionException {
        check(message);
        checkSchema(message);
        return super.fromMessage(message);
    }

    @Override
    public Object fromMessage(Message message, @Nullable Object conversionHint) throws MessageConversionException {
        check(message);
        checkSchema(message);
        return super.fromMessage(message, conversionHint);
    }

    private void checkSchema(Message message) {
        if (this.schemas != null) {
            this.schemas.checkIncoming(
                    message.getBody(), message.getMessageProperties().getInferredArgumentType());
        }
    }

    private void check(Message message) {
        int bodySize = message.getBody().length;
        if (bodySize > this.maxMessageSize) {
            throw new MessageTooLargeException("Message body of " + bodySize + " bytes is larger than the limit of "
                    + this.maxMessageSize + " bytes (hub.messaging.max-message-size)");
        }
        long headersSize = 0;
        for (Map.Entry<String, ?> header :
                message.getMessageProperties().getHeaders().entrySet()) {
            if (!DeadLetterHeaders.EXCEPTION_STACKTRACE.equals(header.getKey())) {
                headersSize += size(header.getKey()) + size(header.getValue());
            }
        }
        if (headersSize > this.maxHeadersSize) {
            throw new MessageTooLargeException("Message headers of " + headersSize
                    + " bytes are larger than the limit of " + this.maxHeadersSize
                    + " bytes (hub.messaging.max-headers-size)");
        }
    }

    /** About the bytes a header value takes on the wire: its text or bytes, nested lists and tables summed up. */
    private static long size(@Nullable Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof byte[] bytes) {
            return bytes.length;
        }
        if (value instanceof Map<?, ?> map) {
            long size = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += size(String.valueOf(entry.getKey())) + size(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            long size = 0;
            for (Object element : values) {
                size += size(element);
            }
            return size;
        }
        if (value instanceof Object[] values) {
            long size = 0;
            for (Object element : values) {
                size += size(element);
            }
            return size;
        }
        return value.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
