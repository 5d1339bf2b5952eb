package com.example.hub.crm.order;

import com.example.hub.messaging.envelope.FailureReply;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RetryNotice;
import com.example.hub.messaging.failure.PermanentMessageException;
import com.example.hub.messaging.topology.HubTopology;
import jakarta.validation.Valid;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code crm_queue}: the requests to CRM ({@code update_order_status}) and the answers to CRM's own requests
 * ({@code policy_info_response} and {@code error} from DMS). A failure is thrown, never swallowed: the hub's messaging
 * retries it or dead-letters it.
 */
@Component
class CrmQueueListener {

    private static final Logger log = LoggerFactory.getLogger(CrmQueueListener.class);

    private final OrderStatusUpdates updates;

    CrmQueueListener(OrderStatusUpdates updates) {
        this.updates = updates;
    }

    @RabbitListener(queues = HubTopology.CRM_QUEUE)
    void onMessage(@Payload @Valid MessageEnvelope message) {
        try {
            String outcome = switch (message.messageType().toLowerCase(Locale.ROOT)) {
                case UpdateOrderStatus.MESSAGE_TYPE -> updates.update(message);
                case PolicyInfo.MESSAGE_TYPE -> updates.recordPolicy(message);
                case FailureReply.MESSAGE_TYPE -> updates.policyLookupFailed(message);
                case RetryNotice.MESSAGE_TYPE ->
                    "DMS will try the policy look-up again; the order is updated when it answers";
                default ->
                    throw new PermanentMessageException("Unknown message type '" + message.messageType()
                            + "': CRM handles " + UpdateOrderStatus.MESSAGE_TYPE + ", "
                            + PolicyInfo.MESSAGE_TYPE + " and " + FailureReply.MESSAGE_TYPE);
            };
            log.info(
                    "Request {} ({} from {}): {}",
                    message.requestId(),
                    message.messageType(),
                    message.sourceSystem(),
                    outcome);
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
}
