package com.example.hub.crm.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.creatio.FakeCreatioServer;
import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the CRM adapter's queue {@code crm_queue} with the real broker and fake Creatio: {@value #BAD} generated
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
class QueueFuzzTests {

    private static FakeCreatioServer creatio;

    private static final int BAD = Integer.getInteger("fuzz.messages", 1_000);

    private static final int VALID_EVERY = 20;

    private static final long SEED = Long.getLong("fuzz.seed", 14L);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    AmqpAdmin amqpAdmin;

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @BeforeAll
    static void startFakeCreatio() {
        creatio = FakeCreatioServer.start();
    }

    @AfterAll
    static void stopFakeCreatio() {
        creatio.close();
    }

    @DynamicPropertySource
    static void creatioBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("creatio.base-url", () -> creatio.baseUrl().toString());
    }

    @Test
    void badMessagesAreDeadLetteredOnceWithTheReasonWhileValidOnesAreAnswered() {
        BadMessages generator = new BadMessages(new Random(SEED));
        Map<String, String> bad = new HashMap<>();
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < BAD; i++) {
            BadMessages.Bad message = generator.next("FUZZ-BAD-" + i);
            bad.put(message.message().getMessageProperties().getMessageId(), message.what());
            this.rabbitTemplate.send("", HubTopology.CRM_QUEUE, message.message());
            if (i % VALID_EVERY == 0) {
                MessageEnvelope request = MessageEnvelope.request(
                        "FUZZ-OK-" + i,
                        "1C",
                        "CRM",
                        "update_order_status",
                        Map.of("order_id", "ORD-100", "new_status", i % 40 == 0 ? "Shipped" : "Delivered"));
                valid.add(request.requestId());
                this.publisher.publish(request.requestKey(), request);
            }
        }

        await().atMost(Duration.ofSeconds(120))
                .until(() -> messageCount(HubTopology.CRM_DEAD_LETTER_QUEUE) >= BAD
                        && messageCount(HubTopology.CRM_QUEUE) == 0);
        Map<String, Integer> deadLettered = new HashMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        Message dead;
        while ((dead = this.rabbitTemplate.receive(HubTopology.CRM_DEAD_LETTER_QUEUE, 1_000)) != null) {
            MessageProperties properties = dead.getMessageProperties();
            String id = properties.getMessageId();
            deadLettered.merge(id, 1, Integer::sum);
            kinds.merge(String.valueOf(bad.get(id)), 1, Integer::sum);
            if (!DeadLetterHeaders.PERMANENT.equals(properties.getHeader(DeadLetterHeaders.FAILURE_KIND))
                    || String.valueOf(properties.<Object>getHeader(DeadLetterHeaders.EXCEPTION_MESSAGE))
                            .isBlank()
                    || !Integer.valueOf(1).equals(properties.getHeader(DeadLetterHeaders.ATTEMPTS))) {
                wrong.add(id + " (" + bad.get(id) + "): " + properties.getHeaders());
            }
        }
        Set<String> answered = requestIdsIn(HubTopology.ONEC_QUEUE);
        System.out.printf(
                "fuzz: %d bad messages to %s (seed %d), %d dead-lettered, %d valid answered, by kind %s%n",
                BAD, HubTopology.CRM_QUEUE, SEED, deadLettered.size(), valid.size(), kinds);

        assertThat(deadLettered.keySet()).isEqualTo(bad.keySet());
        assertThat(deadLettered.values()).containsOnly(1);
        assertThat(wrong).isEmpty();
        assertThat(answered).containsAll(valid);
        this.listeners
                .getListenerContainers()
                .forEach(container -> assertThat(container.isRunning()).isTrue());
        assertThat(this.amqpAdmin.getQueueInfo(HubTopology.CRM_QUEUE).getConsumerCount())
                .isPositive();
    }

    private long messageCount(String queue) {
        return this.amqpAdmin.getQueueInfo(queue).getMessageCount();
    }

    private Set<String> requestIdsIn(String queue) {
        Set<String> ids = new HashSet<>();
        Message message;
        while ((message = this.rabbitTemplate.receive(queue, 2_000)) != null) {
            JsonNode requestId = JSON.readTree(message.getBody()).get("request_id");
            if (requestId != null) {
                ids.add(requestId.asString());
            }
        }
        return ids;
    }
}
