package com.example.hub.onec.send;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /send_to_crm}: change the status of an order in CRM.
 *
 * <pre>
 * {"request_id": "ORDER_REQ_002", "order_id": "ORD9876", "status": "Shipped", "needs_policy_info": true}
 * </pre>
 *
 * @param requestId the business request id (see {@link RequestIds} for its characters); one is generated when it
 *     is left out
 * @param orderId the order
 * @param status its new status; also accepted as {@code new_status}
 * @param needsPolicyInfo whether CRM is to fetch the order's policy from DMS first; {@code false} when left out
 * @param policyNumber the order's policy number, if 1C knows it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SendToCrmRequest(
        @Nullable @Pattern(regexp = RequestIds.PATTERN, message = RequestIds.MESSAGE)
        String requestId,

        @NotBlank @Size(max = 64) String orderId,
        @NotBlank @Size(max = 64) @JsonAlias("new_status") String status,
        @Nullable Boolean needsPolicyInfo,

        @Nullable @Size(max = 64) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String policyNumber) {

    static final String TARGET = "CRM";

    static final String MESSAGE_TYPE = "update_order_status";

    Map<String, Object> payload() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("order_id", this.orderId);
        payload.put("new_status", this.status);
        payload.put("needs_policy_info", Boolean.TRUE.equals(this.needsPolicyInfo));
        if (this.policyNumber != null) {
            payload.put("policy_number", this.policyNumber);
        }
        return payload;
    }
}
