package com.example.hub.onec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.onec.TestClients;
import com.example.hub.testsupport.BrokerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the adapter's queue {@code 1c_queue} with the real broker: {@value #BAD} generated messages that cannot be
 * processed (seeded: {@code -Dfuzz.seed}) each land exactly once in {@code 1c_dead_letter_queue}, with the reason,
 * without retries; valid responses published meanwhile are recorded; the listener keeps consuming.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:onec-queue-fuzz-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@BrokerTest
class QueueFuzzTests {

    private static final int BAD = Integer.getInteger("fuzz.messages", 1_000);

    private static final int VALID_EVERY = 20;

    private static final long SEED = Long.getLong("fuzz.seed", 14L);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @Autowired
    AmqpAdmin amqpAdmin;

    @Autowired
    MessagePublisher publisher;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Test
    void badMessagesAreDeadLetteredOnceWithTheReasonWhileValidOnesAreRecorded() throws Exception {
        BadMessages generator = new BadMessages(new Random(SEED));
        Map<String, String> bad = new HashMap<>();
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < BAD; i++) {
            BadMessages.Bad message = generator.next("FUZZ-BAD-" + i);
            bad.put(message.message().getMessageProperties().getMessageId(), message.what());
            this.rabbitTemplate.send("", HubTopology.ONEC_QUEUE, message.message());
            if (i % VALID_EVERY == 0) {
                String requestId = "FUZZ-OK-" + i;
                valid.add(requestId);
                MessageEnvelope response = new MessageEnvelope(
                        UUID.randomUUID().toString(),
                        requestId,
                        "DMS",
                        "1C",
                        "user_created",
                        Instant.now(),
                        Map.of("status", "success"),
                        null);
                this.publisher.publish(response.responseKey(), response);
            }
        }

        await().atMost(Duration.ofSeconds(120))
                .until(() -> messageCount(HubTopology.ONEC_DEAD_LETTER_QUEUE) >= BAD
                        && messageCount(HubTopology.ONEC_QUEUE) == 0);
        Map<String, Integer> deadLettered = new HashMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        Message dead;
        while ((dead = this.rabbitTemplate.receive(HubTopology.ONEC_DEAD_LETTER_QUEUE, 1_000)) != null) {
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
        System.out.printf(
                "fuzz: %d bad messages to %s (seed %d), %d dead-lettered, %d valid recorded, by kind %s%n",
                BAD, HubTopology.ONEC_QUEUE, SEED, deadLettered.size(), valid.size(), kinds);

        assertThat(deadLettered.keySet()).isEqualTo(bad.keySet());
        assertThat(deadLettered.values()).containsOnly(1);
        assertThat(wrong).isEmpty();
        assertThat(unmatchedRequestIds()).containsAll(valid);
        this.listeners
                .getListenerContainers()
                .forEach(container -> assertThat(container.isRunning()).isTrue());
        assertThat(this.amqpAdmin.getQueueInfo(HubTopology.ONEC_QUEUE).getConsumerCount())
                .isPositive();
    }

    private long messageCount(String queue) {
        return this.amqpAdmin.getQueueInfo(queue).getMessageCount();
    }

    private Set<String> unmatchedRequestIds() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/responses/unmatched?limit=1000"))
                        .header(TestClients.HEADER, TestClients.ONEC_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        for (JsonNode node : JSON.readTree(response.body())) {
            ids.add(node.get("request_id").asString());
        }
        return ids;
    }
}
