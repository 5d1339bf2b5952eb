package com.example.hub.dms.policy;

import java.time.LocalDate;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The DMS's answer to a {@link PolicyInfoRequest}: the payload of the {@code policy_info_response} it sends. An
 * unknown policy is an answer too: {@code not_found}, with the details {@code null}. The CRM adapter reads it as its
 * {@code DmsPolicyInfo}.
 *
 * @param status {@code found} or {@code not_found}
 * @param policyNumber the policy number that was asked for
 * @param insurerName the insurance company
 * @param policyStatus the policy's status, such as {@code ACTIVE}
 * @param startDate the first day the policy covers (ISO date)
 * @param endDate the day the policy ends (ISO date)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PolicyInfoResponse(
        String status,
        String policyNumber,
        String insurerName,
        String policyStatus,
        LocalDate startDate,
        LocalDate endDate) {

    static final String FOUND = "found";

    static final String NOT_FOUND = "not_found";

    static PolicyInfoResponse found(Policy policy) {
        return new PolicyInfoResponse(
                FOUND,
                policy.policyNumber(),
                policy.insurerName(),
                policy.status(),
                policy.startDate(),
                policy.endDate());
    }

    static PolicyInfoResponse notFound(String policyNumber) {
        return new PolicyInfoResponse(NOT_FOUND, policyNumber, null, null, null, null);
    }
}
