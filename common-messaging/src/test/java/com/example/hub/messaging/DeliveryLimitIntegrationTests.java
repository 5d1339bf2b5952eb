package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.messaging.topology.HubTopologyDeclarables;
import com.example.hub.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * The broker's last safety net behaves the same on RabbitMQ 3.10 and 4.x (run by {@code ./mvnw verify} on the
 * machine's broker and by {@code scripts/rabbitmq4-tests.sh} on RabbitMQ 4): a message whose consumer dies on it over
 * and over (a crash before the ack returns it to the queue) is dead-lettered by the broker after at most {@link
 * HubTopology#DELIVERY_LIMIT} returns, never redelivered for ever, and arrives in the queue's dead-letter queue with the
 * broker's own {@code x-death} record saying why ({@code delivery_limit}) and from where. 4.x counts returns
 * differently (and sets a default limit of its own), and owns {@code x-death}: the hub's topology declares the limit
 * explicitly and reads only what both versions write.
 */
class DeliveryLimitIntegrationTests {

    private final TestBroker broker = TestBroker.get();

    private final String virtualHost = this.broker.newVirtualHost("delivery-limit");

    private final CachingConnectionFactory connectionFactory = new CachingConnectionFactory(this.broker.host());

    @BeforeEach
    void declareTheHub() {
        this.connectionFactory.setPort(this.broker.amqpPort());
        this.connectionFactory.setUsername(this.broker.username());
        this.connectionFactory.setPassword(this.broker.password());
        this.connectionFactory.setVirtualHost(this.virtualHost);
        RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
        HubTopologyDeclarables.hub().getDeclarables().forEach(declarable -> {
            if (declarable instanceof Exchange exchange) {
                admin.declareExchange(exchange);
            } else if (declarable instanceof Queue queue) {
                admin.declareQueue(queue);
            } else if (declarable instanceof Binding binding) {
                admin.declareBinding(binding);
            }
        });
    }

    @AfterEach
    void cleanUp() {
        this.connectionFactory.destroy();
        this.broker.deleteVirtualHost(this.virtualHost);
    }

    @Test
    void aMessageWhoseConsumerKeepsCrashingIsDeadLetteredWithItsReason() throws Exception {
        // a plain client connection: a channel closed there really closes, returning what it took without an ack
        try (Connection connection =
                this.connectionFactory.getRabbitConnectionFactory().newConnection()) {
            try (Channel publisher = connection.createChannel()) {
                publisher.confirmSelect();
                publisher.basicPublish(
                        HubTopology.EXCHANGE,
                        "1c.request.dms.create_user",
                        new AMQP.BasicProperties.Builder()
                                .messageId("POISON-CRASH-1")
                                .deliveryMode(2)
                                .contentType(MessageProperties.CONTENT_TYPE_JSON)
                                .build(),
                        "{\"crashes\": \"the consumer\"}".getBytes(StandardCharsets.UTF_8));
                publisher.waitForConfirmsOrDie(10_000);
            }

            int deliveries = 0;
            while (deliveries <= HubTopology.DELIVERY_LIMIT + 1) {
                GetResponse delivery = takeFromWorkQueue(connection);
                if (delivery == null) {
                    break;
                }
                deliveries++;
                assertThat(delivery.getProps().getMessageId()).isEqualTo("POISON-CRASH-1");
            }

            assertThat(deliveries)
                    .as("deliveries before the broker gave up on the message")
                    .isBetween(2, HubTopology.DELIVERY_LIMIT + 1);
            GetResponse deadLetter = awaitDeadLetter(connection);
            assertThat(deadLetter.getProps().getMessageId()).isEqualTo("POISON-CRASH-1");
            assertThat(new String(deadLetter.getBody(), StandardCharsets.UTF_8)).contains("crashes");
            Map<String, Object> death = firstDeath(deadLetter);
            assertThat(death.get("reason")).hasToString("delivery_limit");
            assertThat(death.get("queue")).hasToString(HubTopology.DMS_QUEUE);
            assertThat(death.get("exchange")).hasToString(HubTopology.EXCHANGE);
            assertThat(((Number) death.get("count")).longValue()).isEqualTo(1);
        }
    }

    /**
     * Takes the message from {@code dms_queue} as a consumer that then crashes: its channel closes without an ack, and
     * the broker returns the message. {@code null} once the broker has dead-lettered it instead.
     */
    private GetResponse takeFromWorkQueue(Connection connection) {
        AtomicReference<GetResponse> taken = new AtomicReference<>();
        await().pollInterval(Duration.ofMillis(50))
                .atMost(Duration.ofSeconds(10))
                .until(() -> {
                    Channel channel = connection.createChannel();
                    taken.set(channel.basicGet(HubTopology.DMS_QUEUE, false));
                    channel.abort();
                    return taken.get() != null || deadLetters(connection) > 0;
                });
        return taken.get();
    }

    private static long deadLetters(Connection connection) throws Exception {
        try (Channel channel = connection.createChannel()) {
            return channel.messageCount(HubTopology.DMS_DEAD_LETTER_QUEUE);
        }
    }

    private GetResponse awaitDeadLetter(Connection connection) {
        AtomicReference<GetResponse> deadLetter = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Channel channel = connection.createChannel()) {
                GetResponse response = channel.basicGet(HubTopology.DMS_DEAD_LETTER_QUEUE, true);
                deadLetter.set(response);
                return response != null;
            }
        });
        return deadLetter.get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstDeath(GetResponse deadLetter) {
        Object deaths = deadLetter.getProps().getHeaders().get("x-death");
        assertThat(deaths).as("the broker's x-death header").isInstanceOf(List.class);
        return (Map<String, Object>) ((List<Object>) deaths).get(0);
    }
}
