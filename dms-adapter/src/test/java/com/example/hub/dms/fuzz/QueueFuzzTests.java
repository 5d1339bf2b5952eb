package com.example.hub.dms.fuzz;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.fuzz.RequestQueueFuzzContract;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Fuzzes the DMS adapter's queue {@code dms_queue} with the real broker: {@link com.example.hub.testsupport.fuzz.QueueFuzz#BAD} generated messages that cannot
 * be processed (seeded: {@code -Dfuzz.seed}) each land exactly once in {@code dms_dead_letter_queue}, with the reason,
 * without retries; valid requests published meanwhile are answered; the listener keeps consuming.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:dms-queue-fuzz-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            // each dead letter and its error answer wait for the broker's confirms: several consumers overlap them
            "spring.rabbitmq.listener.simple.concurrency=4",
            "spring.rabbitmq.listener.simple.max-concurrency=4"
        })
@BrokerTest
class QueueFuzzTests extends RequestQueueFuzzContract {

    @Autowired
    MessagePublisher publisher;

    QueueFuzzTests() {
        super(HubTopology.DMS_QUEUE, HubTopology.DMS_DEAD_LETTER_QUEUE, HubTopology.ONEC_QUEUE);
    }

    /** A new user of 1C. */
    @Override
    protected String sendValidRequest(int i) {
        MessageEnvelope request = MessageEnvelope.request(
                "FUZZ-OK-" + i,
                "1C",
                "DMS",
                "create_user",
                Map.of("user_id", "U-FUZZ-" + i, "name", "Fuzz User", "email", "fuzz" + i + "@example.com"));
        this.publisher.publish(request.requestKey(), request);
        return request.requestId();
    }
}
