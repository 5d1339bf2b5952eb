package com.example.hub.crm.fuzz;

import com.example.hub.crm.FakeCreatioConfiguration;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.fuzz.RequestQueueFuzzContract;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Fuzzes the CRM adapter's queue {@code crm_queue} with the real broker and fake Creatio: QueueFuzz.BAD generated
 * messages that cannot be processed (seeded: {@code -Dfuzz.seed}) each land exactly once in {@code
 * crm_dead_letter_queue}, with the reason, without retries; valid order updates published meanwhile are answered; the
 * listener keeps consuming.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:crm-queue-fuzz-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            "hub.messaging.pause-while-down=",
            "crm.creatio-health-interval=1h",
            // each dead letter and its error answer wait for the broker's confirms: several consumers overlap them
            "spring.rabbitmq.listener.simple.concurrency=4",
            "spring.rabbitmq.listener.simple.max-concurrency=4"
        })
@BrokerTest
@Import(FakeCreatioConfiguration.class)
class QueueFuzzTests extends RequestQueueFuzzContract {

    @Autowired
    MessagePublisher publisher;

    QueueFuzzTests() {
        super(HubTopology.CRM_QUEUE, HubTopology.CRM_DEAD_LETTER_QUEUE, HubTopology.ONEC_QUEUE);
    }

    /** An order update of 1C, for the fake's order ORD-100. */
    @Override
    protected String sendValidRequest(int i) {
        MessageEnvelope request = MessageEnvelope.request(
                "FUZZ-OK-" + i,
                "1C",
                "CRM",
                "update_order_status",
                Map.of("order_id", "ORD-100", "new_status", i % 40 == 0 ? "Shipped" : "Delivered"));
        this.publisher.publish(request.requestKey(), request);
        return request.requestId();
    }
}
