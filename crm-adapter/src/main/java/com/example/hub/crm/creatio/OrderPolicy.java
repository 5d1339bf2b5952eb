package com.example.hub.crm.creatio;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The policy details the hub records on a Creatio order, each in the column {@link CreatioProperties.PolicyColumns}
 * names for it, or else as a line of text in the order's {@code Comment}.
 *
 * @param number the policy number
 * @param insurer the insurance company
 * @param status the policy's status in DMS, or {@code NOT_FOUND}
 * @param startDate its first day (ISO date)
 * @param endDate its last day (ISO date)
 */
public record OrderPolicy(
        @Nullable String number,
        @Nullable String insurer,
        @Nullable String status,
        @Nullable String startDate,
        @Nullable String endDate) {

    /** The details by name (number, insurer, status, start_date, end_date), in that order, {@code null}s included. */
    Map<String, @Nullable String> byDetail() {
        Map<String, @Nullable String> details = new LinkedHashMap<>();
        details.put("number", number);
        details.put("insurer", insurer);
        details.put("status", status);
        details.put("start_date", startDate);
        details.put("end_date", endDate);
        return details;
    }
}
