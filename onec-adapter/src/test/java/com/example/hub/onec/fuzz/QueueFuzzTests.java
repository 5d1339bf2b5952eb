package com.example.hub.onec.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.fuzz.QueueFuzz;
import com.example.hub.testsupport.security.TestApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the adapter's queue {@code 1c_queue} with the real broker: {@link QueueFuzz#BAD} generated messages that cannot be
 * processed (seeded: {@code -Dfuzz.seed}) each land exactly once in {@code 1c_dead_letter_queue}, with the reason,
 * without retries; valid responses published meanwhile are recorded; the listener keeps consuming.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:onec-queue-fuzz-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@BrokerTest
class QueueFuzzTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext app;

    @Autowired
    MessagePublisher publisher;

    @Test
    void badMessagesAreDeadLetteredOnceWithTheReasonWhileValidOnesAreRecorded() throws Exception {
        QueueFuzz fuzz = QueueFuzz.of(this.app, HubTopology.ONEC_QUEUE, HubTopology.ONEC_DEAD_LETTER_QUEUE);

        QueueFuzz.Run run = fuzz.run(i -> {
            MessageEnvelope response = new MessageEnvelope(
                    UUID.randomUUID().toString(),
                    "FUZZ-OK-" + i,
                    "DMS",
                    "1C",
                    "user_created",
                    Instant.now(),
                    Map.of("status", "success"),
                    null);
            this.publisher.publish(response.responseKey(), response);
            return response.requestId();
        });
        run.print("recorded");

        run.assertEachDeadLetteredOnceWithTheReason();
        assertThat(unmatchedRequestIds()).containsAll(run.valid());
        fuzz.assertStillConsuming();
    }

    private Set<String> unmatchedRequestIds() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/responses/unmatched?limit=1000"))
                        .header(TestApiKeys.HEADER, TestApiKeys.ONEC_KEY)
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
