package com.example.hub.console.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.topology.HubTopology;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.json.JsonMapper;

/** How a message of a dead-letter queue is read, and its natural key. */
class ReceivedDeadLetterTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void aRedeliveryHasTheSameKeyAndAnotherDeathAnother() {
        ReceivedDeadLetter first = read(recovered("M-1", "2026-11-29T11:00:00Z"));
        Message redelivered = recovered("M-1", "2026-11-29T11:00:00Z");
        // a quorum queue counts the deliveries of a message in a header of its own
        redelivered.getMessageProperties().setHeader("x-delivery-count", 1);
        redelivered.getMessageProperties().setRedelivered(true);

        assertThat(read(redelivered).fingerprint()).isEqualTo(first.fingerprint());
        // dead-lettered again after a replay: a dead letter of its own
        assertThat(read(recovered("M-1", "2026-11-29T11:30:00Z")).fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(read(recovered("M-2", "2026-11-29T11:00:00Z")).fingerprint()).isNotEqualTo(first.fingerprint());
    }

    @Test
    void theHeadersOfTheHubsRecovererSayWhereItCameFromAndWhy() {
        ReceivedDeadLetter deadLetter = read(recovered("M-1", "2026-11-29T11:00:00Z"));

        assertThat(deadLetter.queue()).isEqualTo(HubTopology.CRM_DEAD_LETTER_QUEUE);
        assertThat(deadLetter.exchange()).isEqualTo(HubTopology.EXCHANGE);
        assertThat(deadLetter.routingKey()).isEqualTo("1c.request.crm.update_order");
        assertThat(deadLetter.messageType()).isEqualTo("update_order");
        assertThat(deadLetter.requestId()).isEqualTo("R-1");
        assertThat(deadLetter.cause().failureKind()).isEqualTo(DeadLetterHeaders.RETRIES_EXHAUSTED);
        assertThat(deadLetter.cause().template()).isEqualTo("Creatio answered <n> for order <id>");
        assertThat(deadLetter.attempts()).isEqualTo(3);
        assertThat(deadLetter.failedService()).isEqualTo("crm-adapter");
        assertThat(deadLetter.failedAt()).isEqualTo(Instant.parse("2026-11-29T11:00:00Z"));
    }

    @Test
    void aDeadLetterOfTheBrokerIsReadFromItsDeathRecord() {
        MessageProperties properties = new MessageProperties();
        properties.setConsumerQueue(HubTopology.DMS_DEAD_LETTER_QUEUE);
        properties.setReceivedRoutingKey("1c.request.dms.create_user");
        Date died = Date.from(Instant.parse("2026-11-29T10:00:00Z"));
        properties.setHeader(
                "x-death",
                List.of(Map.of(
                        "exchange",
                        HubTopology.EXCHANGE,
                        "routing-keys",
                        List.of("1c.request.dms.create_user"),
                        "queue",
                        HubTopology.DMS_QUEUE,
                        "reason",
                        "delivery_limit",
                        "count",
                        1L,
                        "time",
                        died)));

        ReceivedDeadLetter deadLetter = read(new Message("not json".getBytes(StandardCharsets.UTF_8), properties));

        assertThat(deadLetter.exchange()).isEqualTo(HubTopology.EXCHANGE);
        assertThat(deadLetter.routingKey()).isEqualTo("1c.request.dms.create_user");
        assertThat(deadLetter.cause().failureKind()).isEqualTo("broker-delivery_limit");
        assertThat(deadLetter.exceptionMessage()).isEqualTo("dead-lettered by the broker: delivery_limit");
        assertThat(deadLetter.failedAt()).isEqualTo(died.toInstant());
        assertThat(deadLetter.messageId()).isNull();
        assertThat(deadLetter.messageType()).isNull();
        assertThat(deadLetter.headers()).contains("\"time\":\"2026-11-29T10:00:00Z\"");
    }

    @Test
    void textsAreCutToTheirColumnsAndLoseNulCharacters() {
        Message message = recovered("M-" + "x".repeat(300), "2026-11-29T11:00:00Z");
        message.getMessageProperties().setHeader(DeadLetterHeaders.FAILED_SERVICE, "crm\u0000adapter");

        ReceivedDeadLetter deadLetter = read(message);

        assertThat(deadLetter.messageId()).hasSize(ReceivedDeadLetter.MAX_SHORT_TEXT);
        assertThat(deadLetter.failedService()).isEqualTo("crmadapter");
    }

    private static ReceivedDeadLetter read(Message message) {
        return ReceivedDeadLetter.from(message, JSON, NOW);
    }

    private static Message recovered(String messageId, String failedAt) {
        MessageProperties properties = new MessageProperties();
        properties.setConsumerQueue(HubTopology.CRM_DEAD_LETTER_QUEUE);
        properties.setReceivedExchange(HubTopology.CRM_DEAD_LETTER_EXCHANGE);
        properties.setReceivedRoutingKey("1c.request.crm.update_order");
        properties.setMessageId(messageId);
        properties.setHeader(DeadLetterHeaders.ORIGINAL_EXCHANGE, HubTopology.EXCHANGE);
        properties.setHeader(DeadLetterHeaders.ORIGINAL_ROUTING_KEY, "1c.request.crm.update_order");
        properties.setHeader(DeadLetterHeaders.FAILURE_KIND, DeadLetterHeaders.RETRIES_EXHAUSTED);
        properties.setHeader(DeadLetterHeaders.EXCEPTION_CLASS, IllegalStateException.class.getName());
        properties.setHeader(DeadLetterHeaders.EXCEPTION_MESSAGE, "Creatio answered 503 for order ORD-7");
        properties.setHeader(DeadLetterHeaders.ATTEMPTS, 3);
        properties.setHeader(DeadLetterHeaders.FAILED_SERVICE, "crm-adapter");
        properties.setHeader(DeadLetterHeaders.FAILED_AT, failedAt);
        return new Message(
                "{\"request_id\":\"R-1\",\"message_type\":\"update_order\"}".getBytes(StandardCharsets.UTF_8),
                properties);
    }
}
