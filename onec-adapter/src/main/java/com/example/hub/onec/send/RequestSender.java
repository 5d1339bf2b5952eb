package com.example.hub.onec.send;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.logging.ListenerLogContext;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.onec.OnecProperties;
import com.example.hub.onec.journal.AttemptContext;
import com.example.hub.onec.journal.Journal;
import com.example.hub.onec.journal.JournalRequest;
import com.example.hub.onec.journal.RequestState;
import com.example.hub.onec.journal.Submission;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a request of 1C once per request id, unless it failed: journals it, publishes it, and answers only once the
 * broker confirmed it. A repeated request id with the same body is answered without publishing again, unless the
 * request FAILED: then it is sent again, as its next attempt. With another body it is a conflict. A request whose
 * publishing failed is not kept as sent: a retry publishes it again. Every request carries its attempt in its context
 * ({@link AttemptContext}).
 */
@Service
class RequestSender {

    private static final Logger logger = LoggerFactory.getLogger(RequestSender.class);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private final MessagePublisher publisher;

    private final Journal journal;

    private final JsonMapper jsonMapper;

    private final Duration publishTimeout;

    private final Tracer tracer;

    private final String sourceSystem;

    /**
     * @param system the system the adapter speaks for, {@code hub.messaging.system} ({@code 1c}): its requests carry it
     *     in upper case, as 1C names the systems in its messages ({@code "source_system": "1C"}, {@code
     *     "target_system": "DMS"}); routing keys take the lower-case form again ({@code 1c.request.dms.create_user})
     */
    RequestSender(
            MessagePublisher publisher,
            Journal journal,
            JsonMapper jsonMapper,
            OnecProperties properties,
            ObjectProvider<Tracer> tracer,
            @Value("${hub.messaging.system}") String system) {
        this.sourceSystem = system.toUpperCase(Locale.ROOT);
        this.publisher = publisher;
        this.journal = journal;
        this.jsonMapper = jsonMapper;
        this.publishTimeout = properties.publishTimeout();
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    }

    /**
     * Sends a request, sends it again after it failed, or recognises it as a repetition of one already sent.
     *
     * @param requestId the request id
     * @param target the system to send it to
     * @param messageType its message type
     * @param payload its payload
     * @param receivedAt when its HTTP request arrived
     * @param submittedBy the client that sent it, by its name in {@code hub.security.clients}
     * @return what was done, and the request's attempt
     * @throws RequestConflictException when the request id was used with another body
     * @throws org.springframework.amqp.AmqpException when the broker did not confirm the request
     */
    SendOutcome send(
            String requestId,
            String target,
            String messageType,
            Map<String, Object> payload,
            Instant receivedAt,
            String submittedBy) {
        // every line logged about the request names it (LOG_FORMAT=json: a field), as the listeners' lines do
        try (MDC.MDCCloseable inLog = MDC.putCloseable(ListenerLogContext.REQUEST_ID, requestId)) {
            return sendOnce(new Request(requestId, target, messageType, payload, receivedAt, submittedBy));
        }
    }

    private SendOutcome sendOnce(Request request) {
        String requestId = request.requestId();
        String target = request.target();
        String messageType = request.messageType();
        Map<String, Object> payload = request.payload();
        Instant receivedAt = request.receivedAt();
        String submittedBy = request.submittedBy();
        String bodyHash = bodyHash(target, messageType, payload);
        Instant waitUntil = Instant.now().plus(this.publishTimeout);
        while (true) {
            Attempt first =
                    attempt(requestId, target, messageType, payload, bodyHash, receivedAt, 1, null, submittedBy);
            if (this.journal.tryStart(first.submission())) {
                publish(first);
                return new SendOutcome(SendOutcome.Kind.SENT, 1);
            }
            JournalRequest existing = this.journal.find(requestId).orElse(null);
            if (existing != null) {
                rejectOtherBody(existing, bodyHash);
            }
            if (existing != null && repeated(existing)) {
                logger.info(
                        "Request {} ({} to {}): repeated, already {}; not published again",
                        requestId,
                        existing.messageType(),
                        existing.target(),
                        existing.state());
                return new SendOutcome(SendOutcome.Kind.REPEATED, existing.attempt());
            }
            if (existing != null && takeOver(existing)) {
                int attempt = existing.attempt() + 1;
                String sameMessage = outcomeUnknown(existing, bodyHash) ? existing.messageId() : null;
                Attempt next = attempt(
                        requestId,
                        target,
                        messageType,
                        payload,
                        bodyHash,
                        receivedAt,
                        attempt,
                        sameMessage,
                        submittedBy);
                if (this.journal.tryRestart(next.submission(), existing)) {
                    boolean again = wasSent(existing);
                    if (again || sameMessage != null) {
                        logger.info(
                                "Request {} ({} to {}): sent again as attempt {}, after attempt {} {}{}",
                                requestId,
                                messageType,
                                target,
                                attempt,
                                existing.attempt(),
                                existing.state(),
                                sameMessage != null ? ", as the same message " + sameMessage : "");
                    }
                    publish(next);
                    return new SendOutcome(again ? SendOutcome.Kind.SENT_AGAIN : SendOutcome.Kind.SENT, attempt);
                }
            } else if (Instant.now().isAfter(waitUntil)) {
                throw new RequestInFlightException(requestId);
            } else {
                // an earlier attempt is publishing it: wait for its outcome
                pause(requestId);
            }
        }
    }

    private Attempt attempt(
            String requestId,
            String target,
            String messageType,
            Map<String, Object> payload,
            String bodyHash,
            Instant receivedAt,
            int attempt,
            @Nullable String sameMessageId,
            String submittedBy) {
        MessageEnvelope envelope = MessageEnvelope.request(requestId, this.sourceSystem, target, messageType, payload)
                .withContext(AttemptContext.of(attempt));
        if (sameMessageId != null) {
            envelope = envelope.withMessageId(sameMessageId);
        }
        return new Attempt(
                envelope,
                new Submission(
                        requestId,
                        target,
                        messageType,
                        payload,
                        bodyHash,
                        envelope.messageId(),
                        receivedAt,
                        attempt,
                        submittedBy,
                        currentTraceId()));
    }

    /** The trace this request is handled in (its HTTP request's), for the journal; {@code null} outside one. */
    private @Nullable String currentTraceId() {
        Span span = this.tracer.currentSpan();
        return span != null ? span.context().traceId() : null;
    }

    /**
     * Refuses a request whose id an earlier attempt was sent (or is being sent) with another body: a conflict. An
     * attempt that was not sent leaves the request id free for another body.
     *
     * @throws RequestConflictException when the request id was used with another body
     */
    private static void rejectOtherBody(JournalRequest existing, String bodyHash) {
        if (existing.state() != RequestState.NOT_SENT && !existing.bodyHash().equals(bodyHash)) {
            throw new RequestConflictException(existing.requestId());
        }
    }

    /**
     * Whether an earlier attempt with the same request id and body settled this one, a repetition: it was sent and
     * is not failed.
     */
    private static boolean repeated(JournalRequest existing) {
        return existing.state() == RequestState.ACCEPTED || existing.state() == RequestState.COMPLETED;
    }

    /**
     * Whether this attempt is to publish a request again: it failed, its earlier attempt was not sent, or one started
     * publishing so long ago that it must have died.
     */
    private boolean takeOver(JournalRequest existing) {
        return existing.state() == RequestState.FAILED
                || existing.state() == RequestState.NOT_SENT
                || (existing.state() == RequestState.PUBLISHING
                        && existing.updatedAt().plus(this.publishTimeout).isBefore(Instant.now()));
    }

    /**
     * Whether the broker may have the last attempt of a request although the journal does not show it confirmed: its
     * publishing died or timed out ({@code PUBLISHING} taken over), or it failed without a confirm ({@code NOT_SENT}:
     * a timed-out confirm or a lost connection leave it unknown). The next attempt with the same body is then published
     * as the same message, under the same message id, so that the target system's inbox recognises it if the earlier
     * one did arrive, and the request's effect happens once. A request that {@code FAILED} was answered: it is sent
     * again as a new message, for the target system to try again.
     */
    private static boolean outcomeUnknown(JournalRequest existing, String bodyHash) {
        return (existing.state() == RequestState.PUBLISHING || existing.state() == RequestState.NOT_SENT)
                && existing.messageId() != null
                && existing.bodyHash().equals(bodyHash);
    }

    /** Whether an earlier attempt of a request reached the broker, so that this one sends it again. */
    private boolean wasSent(JournalRequest existing) {
        return existing.state() == RequestState.FAILED
                || this.journal.attemptsOf(existing.requestId()).stream()
                        .anyMatch(attempt ->
                                attempt.state() != RequestState.NOT_SENT && attempt.state() != RequestState.PUBLISHING);
    }

    private void publish(Attempt attempt) {
        MessageEnvelope envelope = attempt.envelope();
        try {
            this.publisher.publish(envelope.requestKey(), envelope);
        } catch (RuntimeException ex) {
            try {
                this.journal.markNotSent(
                        envelope.requestId(), attempt.submission().attempt(), "Not sent: " + ex.getMessage());
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
        this.journal.markAccepted(envelope.requestId(), attempt.submission().attempt());
        logger.info(
                "Request {} ({} to {}): attempt {} published as message {}, confirmed by the broker",
                envelope.requestId(),
                envelope.messageType(),
                envelope.targetSystem(),
                attempt.submission().attempt(),
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

    /** A request of 1C as it arrived. */
    private record Request(
            String requestId,
            String target,
            String messageType,
            Map<String, Object> payload,
            Instant receivedAt,
            String submittedBy) {}

    /** One attempt of a request: the message to publish, and its entry in the journal. */
    private record Attempt(MessageEnvelope envelope, Submission submission) {}
}
