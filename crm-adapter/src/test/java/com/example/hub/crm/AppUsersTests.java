package com.example.hub.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import com.example.hub.testsupport.BrokerUser;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    private Connection onecConnection;

    private Connection dmsConnection;

    private Channel onec;

    private Channel dms;

    @BeforeEach
    void connectAs1cAndDms() throws Exception {
        BrokerUser onecUser = this.virtualHost.newUser("onec");
        BrokerUser dmsUser = this.virtualHost.newUser("dms");
        this.onecConnection = onecUser.connectionFactory(this.virtualHost.broker(), this.virtualHost.name())
                .newConnection();
        this.dmsConnection = dmsUser.connectionFactory(this.virtualHost.broker(), this.virtualHost.name())
                .newConnection();
        this.onec = this.onecConnection.createChannel();
        this.onec.confirmSelect();
        this.dms = this.dmsConnection.createChannel();
        this.dms.confirmSelect();
    }

    @AfterEach
    void close() throws Exception {
        this.onecConnection.close();
        this.dmsConnection.close();
    }

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
        send(this.onec, request.requestKey().toString(), request);

        GetResponse asked = receive(this.dms, HubTopology.DMS_QUEUE, request.requestId());
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
        send(this.dms, policy.responseKey().toString(), policy);

        GetResponse answer = receive(this.onec, HubTopology.ONEC_QUEUE, request.requestId());
        assertThat(answer.getEnvelope().getRoutingKey()).isEqualTo("crm.response.1c.order_status_updated");
        assertThat(this.jsonMapper
                        .readValue(answer.getBody(), MessageEnvelope.class)
                        .payload())
                .containsEntry("status", "success")
                .containsKey("policy");
    }

    private void send(Channel channel, String routingKey, MessageEnvelope envelope) throws Exception {
        channel.basicPublish(
                HubTopology.EXCHANGE,
                routingKey,
                true,
                new AMQP.BasicProperties.Builder()
                        .contentType("application/json")
                        .deliveryMode(2)
                        .messageId(envelope.messageId())
                        .correlationId(envelope.requestId())
                        .build(),
                this.jsonMapper.writeValueAsBytes(envelope));
        channel.waitForConfirmsOrDie(5000);
    }

    private GetResponse receive(Channel channel, String queue, String requestId) {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> {
                            GetResponse response;
                            while ((response = channel.basicGet(queue, true)) != null) {
                                MessageEnvelope envelope =
                                        this.jsonMapper.readValue(response.getBody(), MessageEnvelope.class);
                                if (requestId.equals(envelope.requestId())) {
                                    return response;
                                }
                            }
                            return null;
                        },
                        found -> found != null);
    }
}
