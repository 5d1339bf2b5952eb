package com.example.hub.onec.send;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.onec.OnecProperties;
import com.example.hub.onec.journal.Journal;
import com.example.hub.onec.journal.JournalRequest;
import com.example.hub.onec.journal.RequestState;
import com.example.hub.onec.journal.Submission;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a request of 1C once per request id: journals it, publishes it, and answers only once the broker confirmed
 * it. A repeated request id with the same body is answered as the first time without publishing again; with
 * another body it is a conflict. A request whose publishing failed is not kept as sent: a retry publishes it again.
 */
@Service
class RequestSender {

    static final String SOURCE_SYSTEM = "1C";

    private static final Logger logger = LoggerFactory.getLogger(RequestSender.class);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private final MessagePublisher publisher;

    private final Journal journal;

    private final JsonMapper jsonMapper;

    private final Duration publishTimeout;

    RequestSender(MessagePublisher publisher, Journal journal, JsonMapper jsonMapper, OnecProperties properties) {
        this.publisher = publisher;
        this.journal = journal;
        this.jsonMapper = jsonMapper;
        this.publishTimeout = properties.publishTimeout();
    }

    /**
     * Sends a request, or recognises it as a repetition of one already sent.
     *
     * @param requestId the request id
     * @param target the system to send it to
     * @param messageType its message type
     * @param payload its payload
     * @param receivedAt when its HTTP request arrived
     * @throws RequestConflictException when the request id was used with another body
     * @throws org.springframework.amqp.AmqpException when the broker did not confirm the request
     */
    void send(String requestId, String target, String messageType, Map<String, Object> payload, Instant receivedAt) {
        MessageEnvelope envelope = MessageEnvelope.request(requestId, SOURCE_SYSTEM, target, messageType, payload);
        Submission submission = new Submission(
                requestId,
                target,
                messageType,
                payload,
                bodyHash(target, messageType, payload),
                envelope.messageId(),
                receivedAt);
        Instant waitUntil = Instant.now().plus(this.publishTimeout);
        while (true) {
            if (this.journal.start(submission)) {
                publish(envelope);
                return;
            }
            JournalRequest existing = this.journal.find(requestId).orElse(null);
            if (existing != null && decided(existing, submission)) {
                return;
            }
            if (existing != null && takeOver(existing)) {
                if (this.journal.restart(submission, existing)) {
                    publish(envelope);
                    return;
                }
            } else if (Instant.now().isAfter(waitUntil)) {
                throw new RequestInFlightException(requestId);
            } else {
                // an earlier attempt is publishing it: wait for its outcome
                pause(requestId);
            }
        }
    }

    /**
     * Whether an earlier attempt with the same request id settled this one: it was sent, with the same body (a
     * repetition) or with another one (a conflict).
     */
    private boolean decided(JournalRequest existing, Submission submission) {
        boolean sameBody = existing.bodyHash().equals(submission.bodyHash());
        if (existing.state() == RequestState.NOT_SENT) {
            return false;
        }
        if (!sameBody) {
            throw new RequestConflictException(existing.requestId());
        }
        if (existing.state() == RequestState.PUBLISHING) {
            return false;
        }
        logger.info(
                "Request {} ({} to {}): repeated, already {}; not published again",
                existing.requestId(),
                existing.messageType(),
                existing.target(),
                existing.state());
        return true;
    }

    /**
     * Whether this attempt is to publish a request again: its earlier attempt was not sent, or started publishing so
     * long ago that it must have died.
     */
    private boolean takeOver(JournalRequest existing) {
        return existing.state() == RequestState.NOT_SENT
                || (existing.state() == RequestState.PUBLISHING
                        && existing.updatedAt().plus(this.publishTimeout).isBefore(Instant.now()));
    }

    private void publish(MessageEnvelope envelope) {
        try {
            this.publisher.publish(envelope.requestKey(), envelope);
        } catch (RuntimeException ex) {
            try {
                this.journal.notSent(envelope.requestId(), "Not sent: " + ex.getMessage());
            } catch (RuntimeException journalFailure) {
                ex.addSuppressed(journalFailure);
            }
            logger.warn(
                    "Request {} ({} to {}): not sent: {}",
                    envelope.requestId(),
                    envelope.messageType(),
                    envelope.targetSystem(),
                    ex.getMessage());
            throw ex;
        }
        this.journal.accepted(envelope.requestId());
        logger.info(
                "Request {} ({} to {}): published as message {}, confirmed by the broker",
                envelope.requestId(),
                envelope.messageType(),
                envelope.targetSystem(),
                envelope.messageId());
    }

    private static void pause(String requestId) {
        try {
            Thread.sleep(POLL_INTERVAL);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RequestInFlightException(requestId);
        }
    }

    /** A hash of the parsed request, the same whatever the order of its fields or the names they were sent under. */
    private String bodyHash(String target, String messageType, Map<String, Object> payload) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("message_type", messageType);
        canonical.put("payload", new TreeMap<>(payload));
        canonical.put("target", target);
        byte[] json = this.jsonMapper.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }
}
