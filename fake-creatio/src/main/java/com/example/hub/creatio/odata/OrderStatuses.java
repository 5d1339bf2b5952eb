package com.example.hub.creatio.odata;

import com.example.hub.creatio.FakeCreatioProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The rows of Creatio's {@code OrderStatus} lookup, from {@code fake-creatio.order-statuses}. Each row's GUID is
 * derived from its name, so it stays the same across restarts of the fake (as a real Creatio's rows do).
 */
@Component
public class OrderStatuses {

    private static final Instant CREATED_ON = Instant.parse("2026-01-01T00:00:00Z");

    private final List<OrderStatus> statuses;

    OrderStatuses(FakeCreatioProperties properties) {
        if (properties.orderStatuses().isEmpty()) {
            throw new IllegalArgumentException("fake-creatio.order-statuses: at least one status is needed");
        }
        this.statuses = properties.orderStatuses().stream()
                .map(name -> new OrderStatus(idOf(name), name))
                .toList();
    }

    /** The fixed GUID of the status of this name. */
    public static UUID idOf(String name) {
        return UUID.nameUUIDFromBytes(("OrderStatus:" + name).getBytes(StandardCharsets.UTF_8));
    }

    public List<OrderStatus> all() {
        return statuses;
    }

    public Optional<OrderStatus> find(UUID id) {
        return statuses.stream().filter(status -> status.id().equals(id)).findFirst();
    }

    public Optional<OrderStatus> named(String name) {
        return statuses.stream().filter(status -> status.name().equals(name)).findFirst();
    }

    /** The status of a new order: the first configured, {@code 1. Draft} by default. */
    OrderStatus initial() {
        return statuses.getFirst();
    }

    /**
     * A row of the lookup.
     *
     * @param id its GUID
     * @param name e.g. {@code Shipped}
     */
    public record OrderStatus(UUID id, String name) {

        Map<String, Object> toEntity() {
            Map<String, Object> entity = new LinkedHashMap<>();
            entity.put("Id", id.toString());
            entity.put("Name", name);
            entity.put("CreatedOn", CREATED_ON.toString());
            entity.put("ModifiedOn", CREATED_ON.toString());
            return entity;
        }
    }
}
