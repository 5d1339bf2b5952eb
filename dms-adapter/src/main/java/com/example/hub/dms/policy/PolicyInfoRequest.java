package com.example.hub.dms.policy;

import jakarta.validation.constraints.NotBlank;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The payload of a {@code get_policy_info} request (from CRM).
 *
 * @param policyNumber the number of the insurance policy, such as {@code POL-2024-001}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PolicyInfoRequest(@NotBlank String policyNumber) {}
