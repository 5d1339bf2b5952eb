package com.example.hub.creatio.odata;

import com.example.hub.creatio.FakeCreatioProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The fake's OData model: the entity types {@code Order} (standard columns plus the configured custom columns) and
 * {@code OrderStatus}, and their entity sets of the same names.
 */
@Component
public class ODataModel {

    static final String ORDER = "Order";
    static final String ORDER_STATUS = "OrderStatus";

    private final EntityType order;
    private final EntityType orderStatus;

    ODataModel(FakeCreatioProperties properties) {
        List<EntityType.Property> orderProperties = new ArrayList<>(List.of(
                new EntityType.Property("Id", "Edm.Guid", false, false),
                new EntityType.Property("Number", "Edm.String", false, true),
                new EntityType.Property("StatusId", "Edm.Guid", true, true),
                new EntityType.Property("Comment", "Edm.String", false, true),
                new EntityType.Property("Amount", "Edm.Decimal", false, true),
                new EntityType.Property("CreatedOn", "Edm.DateTimeOffset", false, false),
                new EntityType.Property("ModifiedOn", "Edm.DateTimeOffset", false, false)));
        properties.orderCustomColumns().forEach(column -> {
            if (orderProperties.stream().anyMatch(p -> p.name().equals(column))) {
                throw new IllegalArgumentException(
                        "fake-creatio.order-custom-columns: '" + column + "' is a standard column of Order");
            }
            orderProperties.add(new EntityType.Property(column, "Edm.String", false, true));
        });
        this.order = new EntityType(
                ORDER, orderProperties, Map.of("Status", new EntityType.Navigation("StatusId", ORDER_STATUS)));
        this.orderStatus = new EntityType(
                ORDER_STATUS,
                List.of(
                        new EntityType.Property("Id", "Edm.Guid", false, false),
                        new EntityType.Property("Name", "Edm.String", false, false),
                        new EntityType.Property("CreatedOn", "Edm.DateTimeOffset", false, false),
                        new EntityType.Property("ModifiedOn", "Edm.DateTimeOffset", false, false)),
                Map.of());
    }

    EntityType order() {
        return order;
    }

    EntityType orderStatus() {
        return orderStatus;
    }

    List<EntityType> entityTypes() {
        return List.of(order, orderStatus);
    }

    Optional<EntityType> entitySet(String name) {
        return entityTypes().stream().filter(type -> type.name().equals(name)).findFirst();
    }
}
