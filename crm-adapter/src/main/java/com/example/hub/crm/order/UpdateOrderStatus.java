package com.example.hub.crm.order;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The payload of an {@value #MESSAGE_TYPE} request (from 1C).
 *
 * <pre>
 * {"order_id": "ORD9876", "new_status": "Shipped", "needs_policy_info": true, "policy_number": "POL-2024-001"}
 * </pre>
 *
 * @param orderId the Creatio order
 * @param newStatus its new status; also accepted as {@code status}
 * @param needsPolicyInfo whether CRM is to ask DMS for the order's policy and record it on the order; {@code false}
 *     when left out
 * @param policyNumber the order's policy number; {@code POL-<order_id>} when left out
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record UpdateOrderStatus(
        @NotBlank String orderId,
        @NotBlank @JsonAlias("status") String newStatus,
        @Nullable Boolean needsPolicyInfo,
        @Nullable String policyNumber) {

    static final String MESSAGE_TYPE = "update_order_status";

    static final String POLICY_NUMBER_PREFIX = "POL-";

    boolean policyInfoNeeded() {
        return Boolean.TRUE.equals(needsPolicyInfo);
    }

    /** The policy number to ask DMS for: the given one, or {@code POL-<order_id>}. */
    String policyNumberToLookUp() {
        return policyNumber != null && !policyNumber.isBlank() ? policyNumber : POLICY_NUMBER_PREFIX + orderId;
    }
}
