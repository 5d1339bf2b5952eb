package com.example.hub.onec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The journal lives in its H2 file under {@code ONEC_DATA_DIR}: a request and its response recorded by one run of the
 * adapter are there for the next one, which still recognises a repetition of the request and does not publish it
 * again.
 */
class JournalRestartTests {

    private static final String REQUEST_ID = "RESTART_REQ_001";

    private static final String BODY = """
            {"request_id": "RESTART_REQ_001", "user_id": "U12345", "name": "Иванов Иван", "email": "ivanov@example.com"}
            """;

    @TempDir
    Path dataDir;

    TestBroker broker;

    String virtualHost;

    @BeforeEach
    void virtualHost() {
        this.broker = TestBroker.get();
        this.virtualHost = this.broker.newVirtualHost(JournalRestartTests.class.getSimpleName());
    }

    @AfterEach
    void deleteVirtualHost() {
        this.broker.deleteVirtualHost(this.virtualHost);
    }

    @Test
    void theJournalSurvivesARestart() {
        JsonNode before;
        try (ConfigurableApplicationContext first = start()) {
            RestClient http = http(first);
            assertThat(HttpReply.post(http, "/send_to_dms", BODY).status()).isEqualTo(HttpStatus.ACCEPTED);
            Message published = first.getBean(RabbitTemplate.class).receive(HubTopology.DMS_QUEUE, 10_000);
            assertThat(published).isNotNull();
            MessageEnvelope request =
                    first.getBean(JsonMapper.class).readValue(published.getBody(), MessageEnvelope.class);
            MessageEnvelope response = request.reply("DMS", "user_created", Map.of("status", "success"));
            first.getBean(MessagePublisher.class).publish(response.responseKey(), response);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(HttpReply.get(http, "/requests/" + REQUEST_ID)
                                    .text("state"))
                            .isEqualTo("COMPLETED"));
            before = HttpReply.get(http, "/requests/" + REQUEST_ID).body();
        }

        try (ConfigurableApplicationContext second = start()) {
            RestClient http = http(second);

            HttpReply after = HttpReply.get(http, "/requests/" + REQUEST_ID);

            assertThat(after.status()).isEqualTo(HttpStatus.OK);
            assertThat(after.body()).isEqualTo(before);
            assertThat(after.text("state")).isEqualTo("COMPLETED");
            assertThat(after.body().get("responses")).hasSize(1);
            assertThat(HttpReply.post(http, "/send_to_dms", BODY).status()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(HttpReply.post(http, "/send_to_dms", BODY.replace("ivanov@", "petrov@"))
                            .status())
                    .isEqualTo(HttpStatus.CONFLICT);
            assertThat(second.getBean(RabbitTemplate.class).receive(HubTopology.DMS_QUEUE, 1_000))
                    .as("the repeated request is not published again")
                    .isNull();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OnecAdapterApplication.class)
                .run(
                        "--ONEC_DATA_DIR=" + this.dataDir,
                        "--server.port=0",
                        "--spring.rabbitmq.host=" + this.broker.host(),
                        "--spring.rabbitmq.port=" + this.broker.amqpPort(),
                        "--spring.rabbitmq.username=" + this.broker.username(),
                        "--spring.rabbitmq.password=" + this.broker.password(),
                        "--spring.rabbitmq.virtual-host=" + this.virtualHost);
    }

    private static RestClient http(ConfigurableApplicationContext context) {
        return HttpReply.client(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
