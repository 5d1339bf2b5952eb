package com.example.hub.crm.order;

import com.example.hub.crm.creatio.OrderPolicy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The DMS's policy as CRM reads it: the payload of DMS's {@value #MESSAGE_TYPE} to CRM's {@code get_policy_info}
 * (the DMS adapter writes it as its {@code PolicyInfoResponse}), and the {@code policy} of CRM's answer to the
 * requester. CRM takes the dates as the text DMS sent and passes them on. An unknown policy is {@code not_found}, with
 * the details {@code null}.
 *
 * @param status {@code found} or {@code not_found}
 * @param policyNumber the policy number
 * @param insurerName the insurance company
 * @param policyStatus the policy's status in DMS, such as {@code ACTIVE}
 * @param startDate the first day the policy covers (ISO date)
 * @param endDate the day the policy ends (ISO date)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DmsPolicyInfo(
        @NotBlank @Pattern(regexp = FOUND + "|" + NOT_FOUND, message = "must be found or not_found")
        String status,

        @Nullable String policyNumber,
        @Nullable String insurerName,
        @Nullable String policyStatus,
        @Nullable String startDate,
        @Nullable String endDate) {

    static final String MESSAGE_TYPE = "policy_info_response";

    static final String FOUND = "found";

    static final String NOT_FOUND = "not_found";

    /** What an order records as its {@code PolicyStatus} when DMS does not know its policy. */
    static final String CREATIO_NOT_FOUND = "NOT_FOUND";

    boolean found() {
        return FOUND.equals(status);
    }

    /** This answer, with the policy number that was asked for when DMS did not repeat it. */
    DmsPolicyInfo orNumber(String askedPolicyNumber) {
        if (policyNumber != null && !policyNumber.isBlank()) {
            return this;
        }
        return new DmsPolicyInfo(status, askedPolicyNumber, insurerName, policyStatus, startDate, endDate);
    }

    /**
     * The details to record on the Creatio order. A policy DMS does not know is recorded as {@value
     * #CREATIO_NOT_FOUND}, and the details of an earlier lookup are cleared.
     */
    OrderPolicy orderPolicy() {
        return new OrderPolicy(
                policyNumber, insurerName, found() ? policyStatus : CREATIO_NOT_FOUND, startDate, endDate);
    }
}
