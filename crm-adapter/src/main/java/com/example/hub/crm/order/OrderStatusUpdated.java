package com.example.hub.crm.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The payload of CRM's {@value #MESSAGE_TYPE} answer to an {@code update_order_status}.
 *
 * <pre>
 * {"order_id": "ORD9876", "new_status": "Shipped", "status": "success", "message": "...", "policy": {...}}
 * {"order_id": "ORD9876", "new_status": "Shipped", "status": "error", "reason": "..."}
 * </pre>
 *
 * @param orderId the Creatio order
 * @param newStatus the status that was asked for
 * @param status {@code success} or {@code error}
 * @param message what CRM did
 * @param reason why the order was not updated, for {@code error}
 * @param policy the policy DMS reported and CRM recorded on the order, when it was asked for
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record OrderStatusUpdated(
        String orderId,
        String newStatus,
        String status,
        String message,
        @Nullable String reason,
        @Nullable DmsPolicyInfo policy) {

    static final String MESSAGE_TYPE = "order_status_updated";

    static final String SUCCESS = "success";

    static final String ERROR = "error";

    static OrderStatusUpdated success(String orderId, String newStatus, @Nullable DmsPolicyInfo policy) {
        String message = "Order " + orderId + " has status " + newStatus + " in Creatio";
        if (policy != null) {
            message += policy.found()
                    ? ", with policy " + policy.policyNumber()
                    : "; DMS does not know policy " + policy.policyNumber();
        }
        return new OrderStatusUpdated(orderId, newStatus, SUCCESS, message, null, policy);
    }

    /**
     * The answer to a status request that 1C sent before the one whose status the order already has: it is not
     * written, and the request is done.
     */
    static OrderStatusUpdated superseded(String orderId, String newStatus, Superseded by) {
        return new OrderStatusUpdated(
                orderId,
                newStatus,
                SUCCESS,
                "Order " + orderId + " already has the status " + by.status() + " of request " + by.requestId()
                        + ", which 1C sent later (" + by.requestedAt() + "): this older status was not written",
                null,
                null);
    }

    /** The answer to a request whose status was written, but whose policy could not be looked up. */
    static OrderStatusUpdated policyNotRecorded(String orderId, String newStatus, String reason) {
        return new OrderStatusUpdated(
                orderId,
                newStatus,
                ERROR,
                "Order " + orderId + " has status " + newStatus + " in Creatio, but its policy was not recorded",
                reason,
                null);
    }

    boolean succeeded() {
        return SUCCESS.equals(status);
    }

    /**
     * The later request whose status an order already has.
     *
     * @param requestId its request id
     * @param status its status
     * @param requestedAt when 1C sent it
     */
    record Superseded(
            @Nullable String requestId,
            @Nullable String status,
            @Nullable Instant requestedAt) {}
}
