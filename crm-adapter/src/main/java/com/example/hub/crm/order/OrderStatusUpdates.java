package com.example.hub.crm.order;

import com.example.hub.crm.creatio.CreatioClient;
import com.example.hub.crm.creatio.CreatioPermanentException;
import com.example.hub.messaging.envelope.FailureReply;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.PayloadMapper;
import com.example.hub.messaging.envelope.RoutingKey;
import com.example.hub.messaging.failure.PermanentMessageException;
import com.example.hub.messaging.inbox.Inbox;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sets the status of Creatio orders for the hub, either at once or, when the requester wants the order's policy
 * recorded, after asking DMS for it. CRM keeps no state between the hops: its {@code get_policy_info} request carries
 * a {@link PolicyLookup} in its context, and DMS's answer brings it back.
 *
 * <p>Creatio failures that may go away ({@code CreatioTransientException}) and failures to publish are thrown, for the
 * hub's messaging to retry and finally dead-letter. Creatio's refusals ({@link CreatioPermanentException}: no order
 * with that number or more than one, an unknown status, an invalid request, bad credentials, a configuration error)
 * cannot be retried away: the message is dead-lettered at once, and the requester gets an {@code error} answer with
 * Creatio's reason. Nothing is published here: the listener records what is to be sent in
 * its inbox first, so that a redelivered message is not handled again.
 */
@Component
class OrderStatusUpdates {

    static final String DMS = "dms";

    static final String GET_POLICY_INFO = "get_policy_info";

    private final CreatioClient creatio;

    private final PayloadMapper payloadMapper;

    private final OrderStatusVersions versions;

    private final String system;

    /** @param system the system the adapter speaks for, {@code hub.messaging.system} ({@code crm}) */
    OrderStatusUpdates(
            CreatioClient creatio,
            PayloadMapper payloadMapper,
            OrderStatusVersions versions,
            @Value("${hub.messaging.system}") String system) {
        this.system = system;
        this.creatio = creatio;
        this.payloadMapper = payloadMapper;
        this.versions = versions;
    }

    /**
     * {@code update_order_status}: updates the order and answers, or asks DMS for the policy first.
     *
     * @return the outcome, for the log
     */
    Handled update(MessageEnvelope request, boolean redelivered) {
        UpdateOrderStatus update = payloadMapper.read(request.payload(), UpdateOrderStatus.class);
        RoutingKey answerKey = answerKey(request);
        Instant requestedAt = request.timestamp() != null ? request.timestamp() : Instant.now();
        Optional<OrderStatusVersions.Written> newer;
        try {
            newer = versions.writeIfNewest(
                    update.orderId(), requestedAt, request.requestId(), update.newStatus(), () -> {
                        if (!redelivered || !creatio.orderHasStatus(update.orderId(), update.newStatus())) {
                            creatio.updateOrderStatus(update.orderId(), update.newStatus());
                        }
                    });
        } catch (CreatioPermanentException e) {
            throw permanent(e);
        }
        if (newer.isPresent()) {
            OrderStatusUpdated.Superseded by = new OrderStatusUpdated.Superseded(
                    newer.get().requestId(), newer.get().status(), newer.get().requestedAt());
            return answer(request, answerKey, OrderStatusUpdated.superseded(update.orderId(), update.newStatus(), by));
        }
        if (update.policyInfoNeeded()) {
            PolicyLookup lookup = PolicyLookup.of(request, update);
            MessageEnvelope ask = MessageEnvelope.request(
                            request.requestId(),
                            this.system,
                            DMS,
                            GET_POLICY_INFO,
                            Map.of("policy_number", lookup.policyNumber()))
                    .withContext(payloadMapper.write(lookup));
            return new Handled(
                    List.of(new Inbox.Outgoing(ask.requestKey(), ask)),
                    "order " + update.orderId() + " set to " + update.newStatus() + ", asking DMS for policy "
                            + lookup.policyNumber());
        }
        return answer(request, answerKey, OrderStatusUpdated.success(update.orderId(), update.newStatus(), null));
    }

    /**
     * {@code policy_info_response} from DMS: records the policy on the order (its status was set when the request was
     * handled), then answers the original requester.
     *
     * @return the outcome, for the log
     */
    Handled recordPolicy(MessageEnvelope response, boolean redelivered) {
        PolicyLookup lookup = lookupOf(response);
        DmsPolicyInfo policy =
                payloadMapper.read(response.payload(), DmsPolicyInfo.class).orNumber(lookup.policyNumber());
        MessageEnvelope request = lookup.originalRequest(response.requestId(), this.system);
        RoutingKey answerKey = answerKey(request);
        try {
            if (!redelivered || !creatio.orderHasPolicy(lookup.orderId(), policy.orderPolicy())) {
                creatio.recordPolicy(lookup.orderId(), policy.orderPolicy());
            }
        } catch (CreatioPermanentException e) {
            throw permanent(e);
        }
        Handled answered =
                answer(request, answerKey, OrderStatusUpdated.success(lookup.orderId(), lookup.newStatus(), policy));
        return new Handled(
                answered.sent(), "policy " + policy.policyNumber() + " " + policy.status() + ", " + answered.outcome());
    }

    /**
     * Creatio's refusal (no such order, more than one, an unknown status, a request it rejects, a configuration
     * error): retrying cannot fix it, so the message is dead-lettered at once, and the requester answered with the
     * reason (the dead letter can be replayed once Creatio or the settings are fixed).
     */
    private static PermanentMessageException permanent(CreatioPermanentException e) {
        return new PermanentMessageException(e.getMessage(), e);
    }

    /**
     * {@code error} from DMS: DMS dead-lettered CRM's {@code get_policy_info}. The original requester gets an {@code
     * error} answer: the order has its new status, but not the policy.
     *
     * @return the outcome, for the log
     */
    Handled policyLookupFailed(MessageEnvelope response) {
        PolicyLookup lookup = lookupOf(response);
        FailureReply failure = payloadMapper.read(response.payload(), FailureReply.class);
        MessageEnvelope request = lookup.originalRequest(response.requestId(), this.system);
        String reason = "Policy lookup failed: "
                + (failure.reason() != null ? failure.reason() : response.sourceSystem() + " gave no reason");
        return answer(
                request,
                answerKey(request),
                OrderStatusUpdated.policyNotRecorded(lookup.orderId(), lookup.newStatus(), reason));
    }

    private Handled answer(MessageEnvelope request, RoutingKey answerKey, OrderStatusUpdated answer) {
        MessageEnvelope reply =
                request.reply(this.system, OrderStatusUpdated.MESSAGE_TYPE, payloadMapper.write(answer));
        String outcome = answer.succeeded()
                ? "order " + answer.orderId() + " set to " + answer.newStatus()
                : "order " + answer.orderId() + " not updated: " + answer.reason();
        return new Handled(List.of(new Inbox.Outgoing(answerKey, reply)), outcome);
    }

    /**
     * What handling a message did: the messages to send because of it, and the outcome for the log.
     *
     * @param sent the messages to send, in order
     * @param outcome what was done
     */
    record Handled(List<Inbox.Outgoing> sent, String outcome) {}

    /** The context of DMS's answer, which says what CRM was doing: a permanent failure when it is missing. */
    private PolicyLookup lookupOf(MessageEnvelope response) {
        if (response.context() == null || response.context().isEmpty()) {
            throw new PermanentMessageException("The " + response.messageType() + " from " + response.sourceSystem()
                    + " has no context: CRM cannot tell which order and requester it belongs to");
        }
        PolicyLookup lookup = payloadMapper.read(response.context(), PolicyLookup.class);
        if (!UpdateOrderStatus.MESSAGE_TYPE.equals(lookup.originalMessageType())) {
            throw new PermanentMessageException("The context of the " + response.messageType() + " is for a "
                    + lookup.originalMessageType() + ", not for an " + UpdateOrderStatus.MESSAGE_TYPE);
        }
        return lookup;
    }

    /**
     * Where the answer to a request goes. Worked out before anything is done: a request that cannot be answered is
     * dead-lettered at once.
     */
    private RoutingKey answerKey(MessageEnvelope request) {
        try {
            return RoutingKey.response(this.system, request.sourceSystem(), OrderStatusUpdated.MESSAGE_TYPE);
        } catch (IllegalArgumentException e) {
            throw new PermanentMessageException("CRM cannot answer: " + e.getMessage(), e);
        }
    }
}
