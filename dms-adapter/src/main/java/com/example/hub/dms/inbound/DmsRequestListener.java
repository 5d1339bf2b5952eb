package com.example.hub.dms.inbound;

import com.example.hub.dms.DmsProperties;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.PayloadMapper;
import com.example.hub.messaging.failure.PermanentMessageException;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code dms_queue}: hands each request to the handler of its message type and publishes the answer to the
 * requester. A failure is thrown, never swallowed: the hub's messaging retries it or dead-letters it, and the
 * requester of a dead-lettered request gets an {@code error} response.
 */
@Component
class DmsRequestListener {

    static final String SYSTEM = "dms";

    private static final Log logger = LogFactory.getLog(DmsRequestListener.class);

    private final Map<String, RequestHandler> handlers;

    private final PayloadMapper payloadMapper;

    private final MessagePublisher publisher;

    private final Duration processingDelay;

    DmsRequestListener(
            List<RequestHandler> handlers,
            PayloadMapper payloadMapper,
            MessagePublisher publisher,
            DmsProperties properties) {
        // fails at start-up when two handlers claim the same message type
        this.handlers = handlers.stream()
                .collect(Collectors.toUnmodifiableMap(RequestHandler::messageType, Function.identity()));
        this.payloadMapper = payloadMapper;
        this.publisher = publisher;
        this.processingDelay = properties.processingDelay();
    }

    @RabbitListener(queues = HubTopology.DMS_QUEUE)
    void onRequest(@Payload @Valid MessageEnvelope request) {
        try {
            RequestHandler handler = handlerFor(request.messageType());
            simulateProcessingTime();
            RequestHandler.Reply reply = handler.handle(request.payload());
            MessageEnvelope response =
                    request.reply(SYSTEM, reply.messageType(), this.payloadMapper.write(reply.payload()));
            this.publisher.publish(response.responseKey(), response);
            logger.info("Request " + request.requestId() + " (" + request.messageType() + " from "
                    + request.sourceSystem() + "): " + reply.outcome() + ", answered with " + response.responseKey());
        } catch (RuntimeException ex) {
            logger.warn("Request " + request.requestId() + " (" + request.messageType() + " from "
                    + request.sourceSystem() + ") failed: " + ex.getMessage());
            throw ex;
        }
    }

    private RequestHandler handlerFor(String messageType) {
        RequestHandler handler = this.handlers.get(messageType.toLowerCase(Locale.ROOT));
        if (handler == null) {
            throw new PermanentMessageException("Unknown message type '" + messageType + "': the DMS handles "
                    + String.join(", ", new TreeSet<>(this.handlers.keySet())));
        }
        return handler;
    }

    /** A deliberately slow DMS, when configured: {@code dms.processing-delay}. */
    private void simulateProcessingTime() {
        if (this.processingDelay.isZero() || this.processingDelay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(this.processingDelay);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the simulated DMS was processing", ex);
        }
    }
}
