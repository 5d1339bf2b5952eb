package com.example.hub.creatio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the fake. The defaults live here as well as in application.yml, because another module's
 * application.yml shadows this one when the fake runs in-process from that module's tests.
 *
 * @param username the only user name that can log in (env {@code CREATIO_USERNAME})
 * @param password its password (env {@code CREATIO_PASSWORD})
 * @param strictOrders whether a {@code $filter} on an order {@code Number} that matches no order answers no rows
 *     (as Creatio does) instead of creating the order (env {@code FAKE_CREATIO_STRICT_ORDERS})
 * @param orderCustomColumns the custom columns of {@code Order} (Creatio's {@code Usr} prefix), text columns that
 *     {@code $metadata} lists and PATCH accepts; any other column is unknown
 * @param orderStatuses the names of the rows of the {@code OrderStatus} lookup, in order; each gets a fixed GUID
 *     derived from its name; the first is a new order's status
 * @param seedOrders the orders that exist at start and after a reset: their {@code Number} and fixed {@code Id}
 * @param ordersLog a file that keeps the orders' changes, read back at start-up, so that orders survive a restart
 *     (env {@code FAKE_CREATIO_ORDERS_LOG}); empty: orders live in memory only
 * @param testControls the {@code /test-control} endpoints
 */
@ConfigurationProperties("fake-creatio")
public record FakeCreatioProperties(
        @DefaultValue("Supervisor") String username,
        @DefaultValue("Supervisor") String password,
        @DefaultValue("false") boolean strictOrders,

        @DefaultValue({"UsrPolicyNumber", "UsrInsurer", "UsrPolicyStatus", "UsrPolicyStartDate", "UsrPolicyEndDate"})
        List<String> orderCustomColumns,

        @DefaultValue({
            "1. Draft",
            "2. Confirmation",
            "3. In progress",
            "4. Completed",
            "5. Canceled",
            "Shipped",
            "Paid",
            "Delivered",
            "Cancelled"
        })
        List<String> orderStatuses,

        Map<String, UUID> seedOrders,
        @DefaultValue("") String ordersLog,
        @DefaultValue TestControls testControls) {

    /** The order of the README's walkthrough, {@code ORD9876}, with the GUID of Creatio's documentation examples. */
    public static final Map<String, UUID> DEFAULT_SEED_ORDERS =
            Map.of("ORD9876", UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6"));

    public FakeCreatioProperties {
        seedOrders = seedOrders == null ? DEFAULT_SEED_ORDERS : new LinkedHashMap<>(seedOrders);
        orderCustomColumns = List.copyOf(orderCustomColumns);
        orderStatuses = List.copyOf(orderStatuses);
    }

    /** @param enabled whether {@code /test-control/**} is served (env {@code FAKE_CREATIO_TEST_CONTROLS}) */
    public record TestControls(@DefaultValue("false") boolean enabled) {}
}
