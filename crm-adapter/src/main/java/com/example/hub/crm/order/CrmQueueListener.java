package com.example.hub.crm.order;

import com.example.hub.messaging.envelope.FailureReply;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.MessageIdentity;
import com.example.hub.messaging.envelope.RetryNotice;
import com.example.hub.messaging.failure.PermanentMessageException;
import com.example.hub.messaging.inbox.Inbox;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes {@code crm_queue}: the requests to CRM ({@code update_order_status}) and the answers to CRM's own requests
 * ({@code policy_info_response} and {@code error} from DMS). A failure is thrown, never swallowed: the hub's messaging
 * retries it or dead-letters it.
 *
 * <p>A message is claimed in the adapter's {@link Inbox} under its id before Creatio is called, in the transaction that
 * then records what it sends (its answer, or its question to DMS), before that is published: two copies of one
 * message handled at once (a publisher that sent it again after an unconfirmed publish) call Creatio once, as the
 * second waits for the first's claim and then finds it handled. A message delivered again is not handled
 * again: Creatio is not called, and the recorded messages are published again under the same ids, which their
 * receivers recognise as repeats. A message redelivered before its handling was recorded (its consumer crashed after the
 * Creatio call) is handled again, but fields Creatio already has are not written twice.
 */
@Component
class CrmQueueListener {

    private static final Logger log = LoggerFactory.getLogger(CrmQueueListener.class);

    private final OrderStatusUpdates updates;

    private final Inbox inbox;

    private final MessagePublisher publisher;

    private final TransactionTemplate transactions;

    CrmQueueListener(
            OrderStatusUpdates updates, Inbox inbox, MessagePublisher publisher, TransactionTemplate transactions) {
        this.updates = updates;
        this.inbox = inbox;
        this.publisher = publisher;
        this.transactions = transactions;
    }

    @RabbitListener(queues = HubTopology.CRM_QUEUE)
    void onMessage(@Payload @Valid MessageEnvelope message, Message received) {
        try {
            String messageId = MessageIdentity.of(message, received);
            boolean redelivered =
                    Boolean.TRUE.equals(received.getMessageProperties().getRedelivered());
            // claimed before Creatio is called, in the transaction that records it: a copy of the message handled
            // at the same time waits for it and then finds it handled, so that Creatio is called once
            OrderStatusUpdates.Handled handled = this.transactions.execute(status -> {
                Optional<List<Inbox.Outgoing>> handledBefore = this.inbox.find(messageId);
                if (handledBefore.isPresent()) {
                    return new OrderStatusUpdates.Handled(
                            handledBefore.get(), "handled before as message " + messageId + ", sent again");
                }
                this.inbox.claim(messageId, message);
                OrderStatusUpdates.Handled now = handle(message, redelivered);
                this.inbox.sent(messageId, now.sent());
                return now;
            });
            for (Inbox.Outgoing outgoing : handled.sent()) {
                this.publisher.publish(outgoing.key(), outgoing.envelope());
            }
            log.info(
                    "Request {} ({} from {}): {}{}",
                    message.requestId(),
                    message.messageType(),
                    message.sourceSystem(),
                    handled.outcome(),
                    handled.sent().isEmpty()
                            ? ""
                            : "; sent "
                                    + handled.sent().stream()
                                            .map(Inbox.Outgoing::routingKey)
                                            .toList());
        } catch (RuntimeException e) {
            log.warn(
                    "Request {} ({} from {}) failed: {}",
                    message.requestId(),
                    message.messageType(),
                    message.sourceSystem(),
                    e.getMessage());
            throw e;
        }
    }

    private OrderStatusUpdates.Handled handle(MessageEnvelope message, boolean redelivered) {
        return switch (message.messageType().toLowerCase(Locale.ROOT)) {
            case UpdateOrderStatus.MESSAGE_TYPE -> this.updates.update(message, redelivered);
            case DmsPolicyInfo.MESSAGE_TYPE -> this.updates.recordPolicy(message, redelivered);
            case FailureReply.MESSAGE_TYPE -> this.updates.policyLookupFailed(message);
            case RetryNotice.MESSAGE_TYPE ->
                new OrderStatusUpdates.Handled(
                        List.of(), "DMS will try the policy look-up again; the order is updated when it answers");
            default ->
                throw new PermanentMessageException("Unknown message type '" + message.messageType()
                        + "': CRM handles " + UpdateOrderStatus.MESSAGE_TYPE + ", " + DmsPolicyInfo.MESSAGE_TYPE + ", "
                        + FailureReply.MESSAGE_TYPE + " and " + RetryNotice.MESSAGE_TYPE);
        };
    }
}
