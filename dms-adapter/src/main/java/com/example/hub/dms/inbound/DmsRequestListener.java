package com.example.hub.dms.inbound;

import com.example.hub.dms.DmsProperties;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.MessageIdentity;
import com.example.hub.messaging.envelope.PayloadMapper;
import com.example.hub.messaging.envelope.RoutingKey;
import com.example.hub.messaging.failure.PermanentMessageException;
import com.example.hub.messaging.inbox.Inbox;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.store.GroupCommit;
import com.example.hub.messaging.topology.HubTopology;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code dms_queue}: hands each request to the handler of its message type and publishes the answer to the
 * requester. A failure is thrown, never swallowed: the hub's messaging retries it or dead-letters it, and the
 * requester of a dead-lettered request gets an {@code error} response.
 *
 * <p>Each request's effect and its answer are committed in one transaction with a record of its message id
 * (its {@link Inbox}) before the answer is published and the request acknowledged; requests handled at the same time
 * by several consumers are committed together ({@link GroupCommit}), each as if alone. A request delivered again
 * (after a crash between the commit and the acknowledgement, or replayed from its dead-letter queue) is not handled
 * again: its recorded answer is published again, under the same message id, so that the requester recognises it.
 */
@Component
class DmsRequestListener {

    private static final Logger logger = LoggerFactory.getLogger(DmsRequestListener.class);

    private final Map<String, RequestHandler<?>> handlers;

    private final PayloadMapper payloadMapper;

    private final MessagePublisher publisher;

    private final Inbox inbox;

    private final GroupCommit commits;

    private final Duration processingDelay;

    private final String system;

    /** @param system the system the adapter speaks for, {@code hub.messaging.system} ({@code dms}): its answers' source */
    DmsRequestListener(
            List<RequestHandler<?>> handlers,
            PayloadMapper payloadMapper,
            MessagePublisher publisher,
            Inbox inbox,
            GroupCommit commits,
            DmsProperties properties,
            @Value("${hub.messaging.system}") String system) {
        this.system = system;
        // fails at start-up when two handlers claim the same message type
        this.handlers = handlers.stream()
                .collect(Collectors.toUnmodifiableMap(RequestHandler::messageType, Function.identity()));
        this.payloadMapper = payloadMapper;
        this.publisher = publisher;
        this.inbox = inbox;
        this.commits = commits;
        this.processingDelay = properties.processingDelay();
    }

    @RabbitListener(queues = HubTopology.DMS_QUEUE)
    void onRequest(@Payload @Valid MessageEnvelope request, Message message) {
        try {
            String messageId = MessageIdentity.of(request, message);
            RequestHandler<?> handler = handlerFor(request.messageType());
            checkAnswerable(request);
            simulateProcessingTime();
            Handled handled = this.commits.commit(() -> this.inbox
                    .find(messageId)
                    .map(earlier -> new Handled(earlier.getFirst(), "handled before as message " + messageId))
                    .orElseGet(() -> handle(messageId, request, handler)));
            this.publisher.publish(handled.answer().key(), handled.answer().envelope());
            logger.info(
                    "Request {} ({} from {}): {}, answered with {}",
                    request.requestId(),
                    request.messageType(),
                    request.sourceSystem(),
                    handled.outcome(),
                    handled.answer().routingKey());
        } catch (RuntimeException ex) {
            logger.warn(
                    "Request {} ({} from {}) failed: {}",
                    request.requestId(),
                    request.messageType(),
                    request.sourceSystem(),
                    ex.getMessage());
            throw ex;
        }
    }

    private Handled handle(String messageId, MessageEnvelope request, RequestHandler<?> handler) {
        RequestHandler.Reply reply = handle(handler, request.payload());
        MessageEnvelope response =
                request.reply(this.system, reply.messageType(), this.payloadMapper.write(reply.payload()));
        Inbox.Outgoing answer = new Inbox.Outgoing(response.responseKey(), response);
        this.inbox.record(messageId, request, List.of(answer));
        return new Handled(answer, reply.outcome());
    }

    private <R> RequestHandler.Reply handle(RequestHandler<R> handler, Map<String, Object> payload) {
        return handler.handle(this.payloadMapper.read(payload, handler.requestType()));
    }

    private RequestHandler<?> handlerFor(String messageType) {
        RequestHandler<?> handler = this.handlers.get(messageType.toLowerCase(Locale.ROOT));
        if (handler == null) {
            throw new PermanentMessageException("Unknown message type '" + messageType + "': the DMS handles "
                    + String.join(", ", new TreeSet<>(this.handlers.keySet())));
        }
        return handler;
    }

    /**
     * Whether the requester can be answered at all, checked before anything is done: a request from a system whose
     * name cannot be a routing key is dead-lettered at once, without its effect.
     */
    private void checkAnswerable(MessageEnvelope request) {
        try {
            RoutingKey.response(this.system, request.sourceSystem(), request.messageType());
        } catch (IllegalArgumentException ex) {
            throw new PermanentMessageException("The DMS cannot answer this request: " + ex.getMessage(), ex);
        }
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

    /** The answer to a request, and what was done, for the log. */
    private record Handled(Inbox.Outgoing answer, String outcome) {}
}
