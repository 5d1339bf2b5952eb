package com.example.hub.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.AppClient;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import com.rabbitmq.client.GetResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CRM adapter under least privilege, as compose runs it: with its own broker user (the permissions of {@code
 * docker/rabbitmq/app-permissions.conf}) it takes 1C's request (sent as the 1C adapter's user), asks DMS for a policy
 * on 1C's behalf ({@code crm.request.dms.*}, read and answered as the DMS adapter's user) and answers 1C.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:crm-app-users-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            "spring.rabbitmq.listener.simple.retry.initial-interval=50ms",
            "spring.rabbitmq.listener.simple.retry.max-interval=200ms",
            "hub.messaging.retry.give-up-after=0s",
            "hub.messaging.pause-while-down=",
            "crm.creatio-health-interval=1h"
        })
@BrokerTest(user = "crm")
@Import(FakeCreatioConfiguration.class)
class AppUsersTests {

    @Autowired
    BrokerTestVirtualHost virtualHost;

    @Autowired
    JsonMapper jsonMapper;

    @Test
    void anUpdateThatNeedsAPolicyIsRelayedToDmsAndAnsweredTo1c() throws Exception {
        MessageEnvelope request = MessageEnvelope.request(
                "REQ-" + UUID.randomUUID(),
                "1C",
                "CRM",
                "update_order_status",
                new LinkedHashMap<>(Map.of(
                        "order_id", "ORD-USERS-1",
                        "new_status", "Shipped",
                        "needs_policy_info", true,
                        "policy_number", "POL-2024-001")));
        send(this.virtualHost.client("onec"), request.requestKey().toString(), request);

        GetResponse asked = receive(this.virtualHost.client("dms"), HubTopology.DMS_QUEUE, request.requestId());
        assertThat(asked.getEnvelope().getRoutingKey()).isEqualTo("crm.request.dms.get_policy_info");
        MessageEnvelope ask = this.jsonMapper.readValue(asked.getBody(), MessageEnvelope.class);
        MessageEnvelope policy = ask.reply(
                "dms",
                "policy_info_response",
                Map.of(
                        "status", "found",
                        "policy_number", "POL-2024-001",
                        "insurer_name", "Northwind Insurance",
                        "policy_status", "ACTIVE",
                        "start_date", "2025-03-01",
                        "end_date", "2026-03-01"));
        send(this.virtualHost.client("dms"), policy.responseKey().toString(), policy);

        GetResponse answer = receive(this.virtualHost.client("onec"), HubTopology.ONEC_QUEUE, request.requestId());
        assertThat(answer.getEnvelope().getRoutingKey()).isEqualTo("crm.response.1c.order_status_updated");
        assertThat(this.jsonMapper
                        .readValue(answer.getBody(), MessageEnvelope.class)
                        .payload())
                .containsEntry("status", "success")
                .containsKey("policy");
    }

    private void send(AppClient app, String routingKey, MessageEnvelope envelope) throws Exception {
        app.publishEnvelope(HubTopology.EXCHANGE, routingKey, this.jsonMapper.writeValueAsBytes(envelope));
    }

    private static GetResponse receive(AppClient app, String queue, String requestId) {
        return app.receive(queue, AppClient.withRequestId(requestId));
    }
}
