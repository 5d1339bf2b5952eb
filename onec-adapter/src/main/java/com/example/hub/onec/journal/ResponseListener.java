package com.example.hub.onec.journal;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.failure.PermanentMessageException;
import com.example.hub.messaging.topology.HubTopology;
import jakarta.validation.Valid;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Records every response addressed to 1C ({@code 1c_queue}) against its request. A response that cannot be recorded
 * fails the listener: it is retried, then dead-lettered to {@code 1c_dead_letter_queue}.
 */
@Component
class ResponseListener {

    private static final Logger logger = LoggerFactory.getLogger(ResponseListener.class);

    /** The longest identifiers the journal's columns take. */
    private static final int MAX_ID_LENGTH = 255;

    private static final int MAX_NAME_LENGTH = 100;

    private final Journal journal;

    ResponseListener(Journal journal) {
        this.journal = journal;
    }

    @RabbitListener(queues = HubTopology.ONEC_QUEUE)
    void on(@Payload @Valid MessageEnvelope response, Message message) {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        checkLength("request_id", response.requestId(), MAX_ID_LENGTH);
        checkLength("source_system", response.sourceSystem(), MAX_NAME_LENGTH);
        checkLength("message_type", response.messageType(), MAX_NAME_LENGTH);
        String messageId = messageId(response, message);
        checkLength("message_id", messageId, MAX_ID_LENGTH);
        ResponseOutcome outcome = ResponseOutcome.of(response);
        Journal.ResponseRecording recording = this.journal.record(
                new JournalResponse(
                        messageId,
                        response.requestId(),
                        response.sourceSystem(),
                        response.messageType(),
                        response.payload() != null ? response.payload() : Map.of(),
                        receivedAt),
                outcome.state(),
                outcome.reason());
        logger.info(
                "Response {} from {} for request {}: {}",
                response.messageType(),
                response.sourceSystem(),
                response.requestId(),
                recording.duplicate()
                        ? "duplicate of message " + messageId + ", recorded before"
                        : recording.requestState() == null
                                ? "recorded, no such request (unmatched)"
                                : "recorded, request is " + recording.requestState()
                                        + (outcome.reason() != null ? " (" + outcome.reason() + ")" : ""));
    }

    /**
     * The response's message id; a response without one is identified by its content, so that its redeliveries are
     * still recognised.
     */
    private static String messageId(MessageEnvelope response, Message message) {
        if (response.messageId() != null && !response.messageId().isBlank()) {
            return response.messageId();
        }
        String amqpMessageId = message.getMessageProperties().getMessageId();
        if (amqpMessageId != null && !amqpMessageId.isBlank()) {
            return amqpMessageId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(message.getBody());
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new PermanentMessageException(
                    "Invalid response: " + field + " is longer than " + max + " characters");
        }
    }
}
