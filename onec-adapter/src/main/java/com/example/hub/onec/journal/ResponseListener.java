package com.example.hub.onec.journal;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.MessageIdentity;
import com.example.hub.messaging.envelope.PayloadMapper;
import com.example.hub.messaging.envelope.RetryNotice;
import com.example.hub.messaging.failure.PermanentMessageException;
import com.example.hub.messaging.topology.HubTopology;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
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
    /** The timer of the requests decided, from their HTTP request to the deciding answer. */
    static final String DECIDED = "onec.requests.decided";

    private static final int MAX_ID_LENGTH = 255;

    private static final int MAX_NAME_LENGTH = 100;

    private final Journal journal;

    private final PayloadMapper payloadMapper;

    private final Meter.MeterProvider<Timer> decided;

    ResponseListener(Journal journal, PayloadMapper payloadMapper, MeterRegistry meters) {
        this.journal = journal;
        this.payloadMapper = payloadMapper;
        // built once: a response on the hot path only picks its tags
        this.decided = Timer.builder(DECIDED)
                .description("Time from a request of 1C to the answer that decided it")
                .publishPercentileHistogram()
                .withRegistry(meters);
    }

    @RabbitListener(queues = HubTopology.ONEC_QUEUE)
    void on(@Payload @Valid MessageEnvelope response, Message message) {
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        checkLength("request_id", response.requestId(), MAX_ID_LENGTH);
        checkLength("source_system", response.sourceSystem(), MAX_NAME_LENGTH);
        checkLength("message_type", response.messageType(), MAX_NAME_LENGTH);
        String messageId = MessageIdentity.of(response, message);
        checkLength("message_id", messageId, MAX_ID_LENGTH);
        if (RetryNotice.MESSAGE_TYPE.equalsIgnoreCase(response.messageType())) {
            recordRetryNotice(response);
            return;
        }
        ResponseOutcome outcome = ResponseOutcome.of(response);
        Journal.ResponseRecording recording = this.journal.record(
                new JournalResponse(
                        messageId,
                        response.requestId(),
                        response.sourceSystem(),
                        response.messageType(),
                        response.payload() != null ? response.payload() : Map.of(),
                        receivedAt,
                        false,
                        AttemptContext.attemptOf(response)),
                outcome.state(),
                outcome.reason());
        if (recording.decidedAfter() != null) {
            // from the HTTP request of the attempt to the answer that decided it, by who answered and how
            this.decided
                    .withTags(
                            "system",
                            response.sourceSystem().toLowerCase(Locale.ROOT),
                            "outcome",
                            outcome.state().name().toLowerCase(Locale.ROOT))
                    .record(recording.decidedAfter());
        }
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

    /** A notice that the target system waits to try a request again: shown with the request, it decides nothing. */
    private void recordRetryNotice(MessageEnvelope notice) {
        RetryNotice retry = this.payloadMapper.read(notice.payload(), RetryNotice.class);
        boolean recorded = this.journal.recordRetryScheduled(
                notice.requestId(),
                AttemptContext.attemptOf(notice),
                retry.attempts(),
                retry.nextAttemptAt(),
                String.valueOf(retry.reason()));
        logger.info(
                "Request {}: {} tried it {} times ({}), tries again at {}{}",
                notice.requestId(),
                notice.sourceSystem(),
                retry.attempts(),
                retry.reason(),
                retry.nextAttemptAt(),
                recorded
                        ? ""
                        : "; not recorded, the request is decided or unknown, the notice is about an earlier attempt,"
                                + " or a later notice was recorded");
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new PermanentMessageException(
                    "Invalid response: " + field + " is longer than " + max + " characters");
        }
    }
}
