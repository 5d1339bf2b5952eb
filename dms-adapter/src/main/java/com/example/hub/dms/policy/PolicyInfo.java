package com.example.hub.dms.policy;

import java.time.LocalDate;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The payload of a {@code policy_info_response}. An unknown policy is an answer too: {@code not_found}, with the
 * details {@code null}.
 *
 * @param status {@code found} or {@code not_found}
 * @param policyNumber the policy number that was asked for
 * @param insurerName the insurance company
 * @param policyStatus the policy's status, such as {@code ACTIVE}
 * @param startDate the first day the policy covers (ISO date)
 * @param endDate the day the policy ends (ISO date)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PolicyInfo(
        String status,
        String policyNumber,
        String insurerName,
        String policyStatus,
        LocalDate startDate,
        LocalDate endDate) {

    static final String FOUND = "found";

    static final String NOT_FOUND = "not_found";

    static PolicyInfo found(Policy policy) {
        return new PolicyInfo(
                FOUND,
                policy.policyNumber(),
                policy.insurerName(),
                policy.status(),
                policy.startDate(),
                policy.endDate());
    }

    static PolicyInfo notFound(String policyNumber) {
        return new PolicyInfo(NOT_FOUND, policyNumber, null, null, null, null);
    }
}
