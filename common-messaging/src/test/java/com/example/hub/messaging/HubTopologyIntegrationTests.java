package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(classes = MessagingTestApplication.class)
@BrokerTest
class HubTopologyIntegrationTests {

    @Autowired
    BrokerTestVirtualHost vhost;

    @Test
    void declaresTheMainExchangeAsADurableTopicExchange() {
        JsonNode exchange = this.vhost.broker().management().exchange(this.vhost.name(), HubTopology.EXCHANGE);
        assertThat(exchange.get("type").asString()).isEqualTo("topic");
        assertThat(exchange.get("durable").asBoolean()).isTrue();
    }

    @Test
    void declaresEachWorkQueueAsADurableQuorumQueueWithItsDeadLetterRoute() {
        for (HubTopology.WorkQueue workQueue : HubTopology.WORK_QUEUES) {
            JsonNode queue = this.vhost.queue(workQueue.name());
            assertThat(queue.get("type").asString()).as(workQueue.name()).isEqualTo("quorum");
            assertThat(queue.get("durable").asBoolean()).isTrue();
            JsonNode arguments = queue.get("arguments");
            assertThat(arguments.get("x-queue-type").asString()).isEqualTo("quorum");
            assertThat(arguments.get("x-dead-letter-exchange").asString()).isEqualTo(workQueue.deadLetterExchange());
            assertThat(arguments.get("x-dead-letter-strategy").asString()).isEqualTo("at-least-once");
            assertThat(arguments.get("x-overflow").asString()).isEqualTo("reject-publish");
            assertThat(arguments.get("x-delivery-limit").asInt()).isEqualTo(HubTopology.DELIVERY_LIMIT);

            JsonNode deadLetterQueue = this.vhost.queue(workQueue.deadLetterQueue());
            assertThat(deadLetterQueue.get("type").asString()).isEqualTo("quorum");
            assertThat(deadLetterQueue.get("durable").asBoolean()).isTrue();
            assertThat(bindingKeysFrom(workQueue.deadLetterQueue(), workQueue.deadLetterExchange()))
                    .containsExactly("");
            assertThat(this.vhost
                            .broker()
                            .management()
                            .exchange(this.vhost.name(), workQueue.deadLetterExchange())
                            .get("type")
                            .asString())
                    .isEqualTo("fanout");
        }
    }

    @Test
    void bindsTheWorkQueuesAsTheHubRoutes() {
        assertThat(bindingKeysFrom(HubTopology.ONEC_QUEUE, HubTopology.EXCHANGE))
                .containsExactlyInAnyOrder("*.response.1c.#");
        assertThat(bindingKeysFrom(HubTopology.DMS_QUEUE, HubTopology.EXCHANGE))
                .containsExactlyInAnyOrder("*.request.dms.#");
        assertThat(bindingKeysFrom(HubTopology.CRM_QUEUE, HubTopology.EXCHANGE))
                .containsExactlyInAnyOrder("*.request.crm.#", "*.response.crm.#");
        assertThat(HubTopology.WORK_QUEUES)
                .extracting(HubTopology.WorkQueue::deadLetterQueue)
                .containsExactly("1c_dead_letter_queue", "dms_dead_letter_queue", "crm_dead_letter_queue");
    }

    private List<String> bindingKeysFrom(String queue, String exchange) {
        return this.vhost.broker().management().bindings(this.vhost.name(), queue).stream()
                .filter(binding -> binding.get("source").asString().equals(exchange))
                .map(binding -> binding.get("routing_key").asString())
                .toList();
    }
}
