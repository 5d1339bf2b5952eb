package com.example.hub.messaging.logging;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageReceiverContext;

/**
 * Puts the ids of the message a listener handles into the logging context (SLF4J's MDC) while it handles it, so that
 * every line logged meanwhile, by the listener, the retries or the dead-lettering, names the message beside the trace
 * id: {@code request_id} (the AMQP correlation id, which the hub's publisher sets to the request id), {@code
 * message_id}, {@code message_type} and {@code queue}. Structured logs ({@code LOG_FORMAT=json}) carry them as fields;
 * the text log shows the request id after the trace id.
 *
 * <p>Rides on Spring AMQP's listener observation ({@code spring.rabbit.listener}), whose scope surrounds the listener
 * and its retries on the consumer's thread.
 */
public final class ListenerLogContext implements ObservationHandler<RabbitMessageReceiverContext> {

    /** The MDC key of the request id. */
    public static final String REQUEST_ID = "request_id";

    /** The MDC key of the message id. */
    public static final String MESSAGE_ID = "message_id";

    /** The MDC key of the message type. */
    public static final String MESSAGE_TYPE = "message_type";

    /** The MDC key of the queue the message came from. */
    public static final String QUEUE = "queue";

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private static final int MAX_LENGTH = 200;

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof RabbitMessageReceiverContext;
    }

    @Override
    public void onScopeOpened(RabbitMessageReceiverContext context) {
        ids(context).forEach(MDC::put);
    }

    @Override
    public void onScopeClosed(RabbitMessageReceiverContext context) {
        ids(context).keySet().forEach(MDC::remove);
    }

    private static Map<String, String> ids(RabbitMessageReceiverContext context) {
        MessageProperties properties = context.getCarrier().getMessageProperties();
        Map<String, String> ids = new LinkedHashMap<>();
        put(ids, REQUEST_ID, properties.getCorrelationId());
        put(ids, MESSAGE_ID, properties.getMessageId());
        put(ids, MESSAGE_TYPE, properties.getType());
        put(ids, QUEUE, properties.getConsumerQueue());
        return ids;
    }

    /** Control characters (a line break in a poison message's id) are left out, and a long id cut short. */
    private static void put(Map<String, String> ids, String key, @Nullable String value) {
        if (value == null) {
            return;
        }
        String printable = CONTROL.matcher(value).replaceAll("");
        if (!printable.isBlank()) {
            ids.put(key, printable.length() > MAX_LENGTH ? printable.substring(0, MAX_LENGTH) + "…" : printable);
        }
    }
}
