package com.example.hub.soindi.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Fuzzes SOINDI's queue {@code odoo_events} with the real broker: {@value #BAD} generated messages that cannot be
 * processed (seeded: {@code -Dfuzz.seed}) each land exactly once in {@code odoo_events_dead_letter_queue}, with the
 * reason, without retries, whichever batch they come in; valid events published meanwhile are applied; the listener
 * keeps consuming.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:soindi-queue-fuzz-tests;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
            "soindi.instance-id=queue-fuzz-tests"
        })
@BrokerTest
class QueueFuzzTests {

    private static final int BAD = Integer.getInteger("fuzz.messages", 1_000);

    private static final int VALID_EVERY = 20;

    private static final long SEED = Long.getLong("fuzz.seed", 14L);

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    AmqpAdmin amqpAdmin;

    @Autowired
    MessagePublisher publisher;

    @Autowired
    ProductStore store;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Test
    void badMessagesAreDeadLetteredOnceWithTheReasonWhileValidEventsAreApplied() {
        BadMessages generator = new BadMessages(new Random(SEED));
        Map<String, String> bad = new HashMap<>();
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < BAD; i++) {
            BadMessages.Bad message = generator.next("FUZZ-BAD-" + i);
            bad.put(message.message().getMessageProperties().getMessageId(), message.what());
            this.rabbitTemplate.send("", HubTopology.ODOO_EVENTS_QUEUE, message.message());
            if (i % VALID_EVERY == 0) {
                ProductEvent event = Events.updated("PROD-FUZZ-" + i, "Fuzz product " + i, "9.99", Instant.now());
                valid.add(event.eventId());
                Events.publishAsync(this.publisher, event);
            }
        }

        await().atMost(Duration.ofSeconds(120))
                .until(() -> messageCount(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE) >= BAD
                        && messageCount(HubTopology.ODOO_EVENTS_QUEUE) == 0);
        Map<String, Integer> deadLettered = new HashMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        Message dead;
        while ((dead = this.rabbitTemplate.receive(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE, 1_000)) != null) {
            MessageProperties properties = dead.getMessageProperties();
            String id = properties.getMessageId();
            deadLettered.merge(id, 1, Integer::sum);
            kinds.merge(String.valueOf(bad.get(id)), 1, Integer::sum);
            if (!DeadLetterHeaders.PERMANENT.equals(properties.getHeader(DeadLetterHeaders.FAILURE_KIND))
                    || String.valueOf(properties.<Object>getHeader(DeadLetterHeaders.EXCEPTION_MESSAGE))
                            .isBlank()) {
                wrong.add(id + " (" + bad.get(id) + "): " + properties.getHeaders());
            }
        }
        System.out.printf(
                "fuzz: %d bad messages to %s (seed %d), %d dead-lettered, %d valid applied, by kind %s%n",
                BAD, HubTopology.ODOO_EVENTS_QUEUE, SEED, deadLettered.size(), valid.size(), kinds);

        assertThat(deadLettered.keySet()).isEqualTo(bad.keySet());
        assertThat(deadLettered.values()).containsOnly(1);
        assertThat(wrong).isEmpty();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(valid)
                        .allSatisfy(eventId ->
                                assertThat(this.store.findAppliedEvent(eventId)).isPresent()));
        this.listeners
                .getListenerContainers()
                .forEach(container -> assertThat(container.isRunning()).isTrue());
        assertThat(this.amqpAdmin.getQueueInfo(HubTopology.ODOO_EVENTS_QUEUE).getConsumerCount())
                .isPositive();
    }

    private long messageCount(String queue) {
        return this.amqpAdmin.getQueueInfo(queue).getMessageCount();
    }
}
