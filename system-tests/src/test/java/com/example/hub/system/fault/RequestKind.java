package com.example.hub.system.fault;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the load asks of 1C. */
enum RequestKind {
    /** {@code POST /send_to_dms}: create a DMS user. */
    CREATE_USER("/send_to_dms"),
    /** {@code POST /send_to_crm} without the policy look-up. */
    UPDATE_ORDER("/send_to_crm"),
    /** {@code POST /send_to_crm} with {@code needs_policy_info}: CRM asks DMS for the policy first. */
    UPDATE_ORDER_WITH_POLICY("/send_to_crm");

    private final String path;

    RequestKind(String path) {
        this.path = path;
    }

    String path() {
        return this.path;
    }

    /** The request body, for a request id and the user or order it is about. */
    Map<String, Object> body(String requestId, String subject) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", requestId);
        if (this == CREATE_USER) {
            body.put("user_id", subject);
            body.put("name", "Fault " + subject);
            body.put("email", subject.toLowerCase(Locale.ROOT) + "@example.com");
        } else {
            body.put("order_id", subject);
            body.put("status", "Shipped");
            body.put("needs_policy_info", this == UPDATE_ORDER_WITH_POLICY);
        }
        return body;
    }
}
