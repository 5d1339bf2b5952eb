package com.example.hub.console.deadletter;

import com.example.hub.messaging.failure.DeadLetterHeaders;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.publish.PublishException;
import com.example.hub.messaging.topology.HubTopology;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Replays and discards dead letters, each in a transaction of its own that locks it, records what was done in the
 * audit trail and commits only once the broker confirmed the replay.
 *
 * <p>A replay republishes the dead letter to the exchange it was originally published to ({@value HubTopology#EXCHANGE}
 * or {@value HubTopology#ODOO_EVENTS_EXCHANGE}) with its original routing key and message id, so that consumers that
 * handled it before recognise it, and with its body, its other properties and its application headers; the headers of
 * its failure (the reason, {@code x-attempts}, the retry horizon's {@code x-retries} and {@code x-first-failed-at}, the
 * broker's {@code x-death}) are left out, so that it is tried afresh: its attempts start again at one and a new retry
 * horizon begins, as the recoverer's comment has it.
 */
@Service
class Replayer {

    private static final Logger logger = LoggerFactory.getLogger(Replayer.class);

    /** The exchanges a replay may publish to: the enterprise hub's and Odoo's events. */
    static final Set<String> REPLAY_EXCHANGES = Set.of(HubTopology.EXCHANGE, HubTopology.ODOO_EVENTS_EXCHANGE);

    /** The headers of a failure, which a replayed message does not carry. */
    static final Set<String> FAILURE_HEADERS = Stream.concat(
                    Stream.of(
                            DeadLetterHeaders.EXCEPTION_MESSAGE,
                            DeadLetterHeaders.EXCEPTION_STACKTRACE,
                            DeadLetterHeaders.EXCEPTION_CLASS,
                            DeadLetterHeaders.ORIGINAL_EXCHANGE,
                            DeadLetterHeaders.ORIGINAL_ROUTING_KEY,
                            DeadLetterHeaders.ORIGINAL_QUEUE,
                            DeadLetterHeaders.ATTEMPTS,
                            DeadLetterHeaders.RETRIES,
                            DeadLetterHeaders.FIRST_FAILED_AT,
                            DeadLetterHeaders.FAILURE_KIND,
                            DeadLetterHeaders.FAILED_AT,
                            DeadLetterHeaders.FAILED_SERVICE,
                            "x-delivery-count"),
                    DeadLetterHeaders.DELIVERY_HEADERS.stream())
            .collect(Collectors.toUnmodifiableSet());

    private final Ledger ledger;

    private final AuditTrail audit;

    private final MessagePublisher publisher;

    private final TransactionTemplate transactions;

    private final ConsoleMetrics metrics;

    private final Clock clock;

    Replayer(
            Ledger ledger,
            AuditTrail audit,
            MessagePublisher publisher,
            TransactionTemplate transactions,
            ConsoleMetrics metrics,
            Clock clock) {
        this.ledger = ledger;
        this.audit = audit;
        this.publisher = publisher;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Replays one dead letter.
     *
     * @param id the dead letter
     * @param confirm whether a dead letter that was already replayed or discarded is replayed again
     * @param client who asks
     * @param note the operator's note, if any
     * @return the audit entry of the replay
     * @throws ErrorResponseException 404 for an unknown dead letter, 409 for one already replayed or discarded without
     *     {@code confirm}, 422 for one whose original exchange is not one a replay may publish to, 503 when the
     *     broker did not confirm it
     */
    AuditTrail.Entry replay(long id, boolean confirm, String client, @Nullable String note) {
        Replayed done = this.transactions.execute(status -> {
            StoredMessage stored = this.ledger.lock(id).orElseThrow(() -> ConsoleProblems.notFound(id));
            if (!confirm && !DeadLetter.PENDING.equals(stored.state())) {
                throw ConsoleProblems.alreadyHandled(List.of(id));
            }
            String exchange = stored.exchange();
            String routingKey = stored.routingKey();
            if (exchange == null || !REPLAY_EXCHANGES.contains(exchange) || routingKey == null) {
                throw ConsoleProblems.notReplayable(
                        id, "it was published to '" + exchange + "', not to " + REPLAY_EXCHANGES);
            }
            try {
                this.publisher.publish(
                        exchange, routingKey, message(stored), properties -> restore(stored, properties));
            } catch (PublishException ex) {
                throw ConsoleProblems.brokerUnavailable(id, ex.getMessage());
            }
            Instant now = this.clock.instant();
            this.ledger.markReplayed(id, now);
            AuditTrail.Entry replayed = new AuditTrail.Entry(
                    0,
                    now,
                    client,
                    AuditTrail.REPLAY,
                    id,
                    stored.group(),
                    note,
                    "replayed to " + exchange + " with routing key " + routingKey + " as message " + stored.messageId()
                            + (stored.replayCount() > 0 ? " (again, confirmed)" : ""));
            return new Replayed(this.audit.record(replayed), stored.queue());
        });
        this.metrics.replayed(done.queue());
        logger.info("Dead letter {} {} by {}", id, done.entry().detail(), client);
        return done.entry();
    }

    /**
     * Replays several dead letters, each on its own: first checks that all exist and, without {@code confirm}, that
     * none was replayed or discarded before (else nothing is replayed), then replays them one by one.
     *
     * @param ids the dead letters
     * @param confirm whether dead letters already replayed or discarded are replayed again
     * @param client who asks
     * @param note the operator's note, if any
     * @return what was replayed and what failed
     */
    Outcome replayAll(List<Long> ids, boolean confirm, String client, @Nullable String note) {
        if (!confirm) {
            List<Long> handled = new ArrayList<>();
            for (long id : ids) {
                DeadLetter deadLetter = this.ledger.find(id).orElseThrow(() -> ConsoleProblems.notFound(id));
                if (!DeadLetter.PENDING.equals(deadLetter.state())) {
                    handled.add(id);
                }
            }
            if (!handled.isEmpty()) {
                throw ConsoleProblems.alreadyHandled(handled);
            }
        }
        List<Long> replayed = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (long id : ids) {
            try {
                replay(id, confirm, client, note);
                replayed.add(id);
            } catch (ErrorResponseException ex) {
                failed.add(new Failure(id, ex.getBody().getDetail()));
            }
        }
        return new Outcome(replayed, failed);
    }

    /**
     * Discards dead letters, each on its own, with a note.
     *
     * @param ids the dead letters
     * @param client who asks
     * @param note why
     * @return the numbers of those discarded
     */
    List<Long> discard(List<Long> ids, String client, String note) {
        List<Long> discarded = new ArrayList<>();
        for (long id : ids) {
            String queue = this.transactions.execute(status -> {
                StoredMessage stored = this.ledger.lock(id).orElseThrow(() -> ConsoleProblems.notFound(id));
                if (DeadLetter.DISCARDED.equals(stored.state())) {
                    throw ConsoleProblems.alreadyDiscarded(List.of(id));
                }
                Instant now = this.clock.instant();
                this.ledger.markDiscarded(id, now, note);
                this.audit.record(new AuditTrail.Entry(
                        0,
                        now,
                        client,
                        AuditTrail.DISCARD,
                        id,
                        stored.group(),
                        note,
                        "discarded from " + stored.queue()));
                return stored.queue();
            });
            this.metrics.discarded(queue);
            discarded.add(id);
            logger.info("Dead letter {} discarded by {}: {}", id, client, note);
        }
        return discarded;
    }

    private static Message message(StoredMessage stored) {
        MessageProperties properties = new MessageProperties();
        stored.headers().forEach((name, value) -> {
            if (!FAILURE_HEADERS.contains(name)) {
                properties.setHeader(name, value);
            }
        });
        return new Message(stored.body(), properties);
    }

    /** The dead letter's own properties, over those the publisher sets on every message it sends. */
    private static void restore(StoredMessage stored, MessageProperties properties) {
        Map<String, Object> kept = stored.properties();
        properties.setMessageId(stored.messageId());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        if (kept.get("content_type") instanceof String contentType) {
            properties.setContentType(contentType);
        }
        if (kept.get("content_encoding") instanceof String contentEncoding) {
            properties.setContentEncoding(contentEncoding);
        }
        if (kept.get("correlation_id") instanceof String correlationId) {
            properties.setCorrelationId(correlationId);
        }
        if (kept.get("app_id") instanceof String appId) {
            properties.setAppId(appId);
        }
        if (kept.get("type") instanceof String type) {
            properties.setType(type);
        }
        if (kept.get("priority") instanceof Number priority) {
            properties.setPriority(priority.intValue());
        }
        if (kept.get("timestamp") instanceof String timestamp) {
            properties.setTimestamp(Date.from(Instant.parse(timestamp)));
        }
    }

    /** A replay's audit entry, and the queue of the dead letter replayed. */
    private record Replayed(AuditTrail.Entry entry, String queue) {}

    /**
     * What a replay of several dead letters did.
     *
     * @param replayed the dead letters replayed
     * @param failed those that were not, and why
     */
    record Outcome(List<Long> replayed, List<Failure> failed) {}

    /**
     * A dead letter that was not replayed.
     *
     * @param id its number
     * @param reason why
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Failure(long id, @Nullable String reason) {}
}
