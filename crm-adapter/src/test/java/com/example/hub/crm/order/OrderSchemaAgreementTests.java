package com.example.hub.crm.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.schema.MessageSchemas;
import com.example.hub.messaging.schema.SchemaAgreement;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * CRM's records of update_order_status, policy_info_response and order_status_updated agree with their schemas, and
 * every kind of CRM answer passes its schema.
 */
class OrderSchemaAgreementTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final MessageSchemas SCHEMAS = new MessageSchemas(JSON);

    @Test
    void updateOrderStatusAgreesWithItsSchema() {
        // new_status, also accepted as status, is required as either name: the schema says it with if/then
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode("payloads/update_order_status"), UpdateOrderStatus.class, Set.of()))
                .isEmpty();
    }

    @Test
    void policyInfoAgreesWithItsSchema() {
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode("payloads/policy_info_response"), DmsPolicyInfo.class, Set.of()))
                .isEmpty();
    }

    @Test
    void orderStatusUpdatedAgreesWithItsSchemaAndEveryAnswerPassesIt() {
        // CRM always writes success or error
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode("payloads/order_status_updated"),
                        OrderStatusUpdated.class,
                        Set.of("status")))
                .isEmpty();
        DmsPolicyInfo policy = new DmsPolicyInfo("found", "POL-1", "Insurer", "ACTIVE", "2026-01-01", "2027-01-01");
        for (OrderStatusUpdated answer : new OrderStatusUpdated[] {
            OrderStatusUpdated.success("ORD9876", "Shipped", policy),
            OrderStatusUpdated.success(
                    "ORD9876", "Shipped", new DmsPolicyInfo("not_found", "POL-2", null, null, null, null)),
            OrderStatusUpdated.success("ORD9876", "Shipped", null),
            OrderStatusUpdated.superseded(
                    "ORD9876", "Shipped", new OrderStatusUpdated.Superseded("R2", "Delivered", Instant.EPOCH)),
            OrderStatusUpdated.policyNotRecorded("ORD9876", "Shipped", "DMS is down")
        }) {
            assertThat(SCHEMAS.violations("payloads/order_status_updated", JSON.valueToTree(answer)))
                    .as("%s", answer)
                    .isEmpty();
        }
    }
}
