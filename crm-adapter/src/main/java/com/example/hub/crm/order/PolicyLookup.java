package com.example.hub.crm.order;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The context of CRM's {@code get_policy_info} request: everything CRM needs to finish an {@code update_order_status}
 * once DMS answers, so that CRM keeps no state between the hops. DMS echoes it in its answer. Its {@code reply_to}
 * and {@code requester_context} follow the hub's convention ({@link MessageEnvelope#REPLY_TO}): if DMS's answer cannot
 * be processed, the hub answers the requester with an {@code error} itself.
 *
 * <pre>
 * {"reply_to": "1C", "order_id": "ORD9876", "new_status": "Shipped", "policy_number": "POL-2024-001",
 *  "original_message_type": "update_order_status", "requester_context": {...}}
 * </pre>
 *
 * @param replyTo the system that asked for the update, as it named itself
 * @param orderId the Creatio order
 * @param newStatus its new status
 * @param policyNumber the policy number CRM asked DMS for
 * @param originalMessageType the message type of the request, {@code update_order_status}
 * @param requesterContext the context of the request, given back with the answer; {@code null} if it had none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record PolicyLookup(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]*", message = "must be a system name")
        String replyTo,

        @NotBlank String orderId,
        @NotBlank String newStatus,
        @NotBlank String policyNumber,
        @NotBlank String originalMessageType,
        @Nullable Map<String, Object> requesterContext) {

    static PolicyLookup of(MessageEnvelope request, UpdateOrderStatus update) {
        return new PolicyLookup(
                request.sourceSystem(),
                update.orderId(),
                update.newStatus(),
                update.policyNumberToLookUp(),
                UpdateOrderStatus.MESSAGE_TYPE,
                request.context());
    }

    /**
     * The original request, as far as answering it needs: the answer is {@code original(requestId).reply(...)}.
     *
     * @param requestId the request id, the same on every hop
     * @param crm the system CRM is ({@code hub.messaging.system}), the request's target
     */
    MessageEnvelope originalRequest(String requestId, String crm) {
        return new MessageEnvelope(
                null, requestId, replyTo, crm, originalMessageType, null, Map.of(), requesterContext);
    }
}
