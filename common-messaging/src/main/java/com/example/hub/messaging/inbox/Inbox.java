package com.example.hub.messaging.inbox;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RoutingKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbox of a consumer ({@code hub_inbox}): each message it handled, by message id, with the messages it sent
 * because of it. A consumer records a message once its effect is done (in the same transaction, where the effect is in
 * the same database) and before it publishes what it sends; a message delivered again (after a crash before the
 * acknowledgement, a broker failover, a replayed dead letter) is then not handled again: what was sent is published
 * again, under the same message ids, so that its receivers recognise the repeat.
 *
 * <p>The application's own database migration creates the table:
 *
 * <pre>
 * CREATE TABLE hub_inbox (
 *     message_id   VARCHAR(255) NOT NULL PRIMARY KEY,
 *     request_id   VARCHAR(255) NOT NULL,
 *     message_type VARCHAR(100) NOT NULL,
 *     sent         TEXT         NOT NULL,
 *     handled_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL);
 * CREATE INDEX hub_inbox_handled_at_idx ON hub_inbox (handled_at);
 * </pre>
 *
 * <p>Messages handled longer than {@code hub.messaging.inbox.retention} ago (30 days by default) are removed by
 * {@link InboxRetention}; see {@link InboxProperties} for how long that must be.
 */
public class Inbox {

    private final JdbcClient jdbc;

    private final JsonMapper jsonMapper;

    public Inbox(JdbcClient jdbc, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
    }

    /**
     * What was sent because of a message handled before.
     *
     * @param messageId the received message's id
     * @return the messages sent, if the message was handled
     */
    public Optional<List<Outgoing>> find(String messageId) {
        return this.jdbc
                .sql("SELECT sent FROM hub_inbox WHERE message_id = :messageId")
                .param("messageId", messageId)
                .query((rs, row) -> List.of(this.jsonMapper.readValue(rs.getString("sent"), Outgoing[].class)))
                .optional();
    }

    /**
     * Records a message as handled, with what is sent because of it. Fails if the message id was recorded before (a
     * concurrent delivery of the same message), which rolls back a transaction it takes part in.
     *
     * @param messageId the received message's id
     * @param received the received message
     * @param sent the messages sent because of it, none for a message that needs no answer
     */
    public void record(String messageId, MessageEnvelope received, List<Outgoing> sent) {
        this.jdbc
                .sql("INSERT INTO hub_inbox (message_id, request_id, message_type, sent, handled_at)"
                        + " VALUES (:messageId, :requestId, :messageType, :sent, :handledAt)")
                .param("messageId", messageId)
                .param("requestId", received.requestId())
                .param("messageType", received.messageType())
                .param("sent", this.jsonMapper.writeValueAsString(sent))
                .param("handledAt", Instant.now().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Claims a message before its effect, in the transaction that is to record it: a concurrent delivery of the same
     * message (two copies that a publisher sent under one message id after an unconfirmed publish) then cannot claim
     * it until this transaction ends, and fails once it committed, so that an effect outside the database (a call of
     * another system) happens once. Record what is sent with {@link #sent} in the same transaction.
     *
     * @param messageId the received message's id
     * @param received the received message
     */
    public void claim(String messageId, MessageEnvelope received) {
        record(messageId, received, List.of());
    }

    /**
     * Records what was sent because of a message claimed in the same transaction.
     *
     * @param messageId the received message's id
     * @param sent the messages sent because of it
     */
    public void sent(String messageId, List<Outgoing> sent) {
        this.jdbc
                .sql("UPDATE hub_inbox SET sent = :sent WHERE message_id = :messageId")
                .param("sent", this.jsonMapper.writeValueAsString(sent))
                .param("messageId", messageId)
                .update();
    }

    /**
     * Removes messages handled before a time, at most a batch of them, oldest first ({@link InboxRetention}).
     *
     * @param before the time
     * @param batchSize how many at most
     * @return how many were removed
     */
    int deleteHandledBefore(Instant before, int batchSize) {
        return this.jdbc
                .sql("DELETE FROM hub_inbox WHERE message_id IN (SELECT message_id FROM hub_inbox"
                        + " WHERE handled_at < :before ORDER BY handled_at LIMIT :batchSize)")
                .param("before", before.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC))
                .param("batchSize", batchSize)
                .update();
    }

    /**
     * A message sent because of a received one.
     *
     * @param routingKey where it goes
     * @param envelope the message
     */
    public record Outgoing(String routingKey, MessageEnvelope envelope) {

        public Outgoing(RoutingKey routingKey, MessageEnvelope envelope) {
            this(routingKey.toString(), envelope);
        }

        /**
         * The routing key, parsed.
         *
         * @return where the message goes
         */
        public RoutingKey key() {
            return RoutingKey.parse(this.routingKey);
        }
    }
}
