package com.example.hub.console.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes every message of the hub's dead-letter queues into the ledger, and acknowledges it only once its row is
 * committed (the container acknowledges when this listener returns): nothing is lost between a queue and the ledger.
 *
 * <p>A dead letter that cannot be stored (the database is down) is not rejected into a hot loop, nor dropped (the
 * dead-letter queues have no dead-letter exchange of their own, so a rejection without requeue would lose it): the
 * listener holds it, unacknowledged, and tries again after a back-off that doubles up to {@code
 * hub.console.store-back-off-max}, logging each failure. After {@code hub.console.hold-at-most}, or when the console
 * shuts down, it gives the message back to its queue (a rejection with requeue), where it waits for the next try. A
 * redelivered dead letter is recognised by its fingerprint and not stored twice.
 */
@Component
class LedgerListener {

    static final String ID = "deadLetterLedger";

    private static final Logger logger = LoggerFactory.getLogger(LedgerListener.class);

    private final Ledger ledger;

    private final TransactionTemplate transactions;

    private final JsonMapper json;

    private final ConsoleProperties properties;

    private final Clock clock;

    private final Object wakeUp = new Object();

    private volatile boolean closing;

    LedgerListener(
            Ledger ledger,
            TransactionTemplate transactions,
            JsonMapper json,
            ConsoleProperties properties,
            Clock clock) {
        this.ledger = ledger;
        this.transactions = transactions;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    @RabbitListener(
            id = ID,
            queues = "#{T(com.example.hub.messaging.topology.HubTopology).DEAD_LETTER_QUEUE_NAMES}",
            containerFactory = LedgerConfiguration.CONTAINER_FACTORY)
    void onDeadLetter(Message message) {
        Instant receivedAt = this.clock.instant();
        Instant giveBackAt = receivedAt.plus(this.properties.holdAtMost());
        Duration backOff = this.properties.storeBackOff();
        for (int attempt = 1; ; attempt++) {
            try {
                ReceivedDeadLetter deadLetter = ReceivedDeadLetter.from(message, this.json, receivedAt);
                Boolean stored = this.transactions.execute(status -> this.ledger.store(deadLetter, receivedAt));
                logger.info(
                        "Dead letter {} of {} ({}, {}): {}",
                        deadLetter.messageId(),
                        deadLetter.queue(),
                        deadLetter.cause().failureKind(),
                        deadLetter.exceptionMessage(),
                        Boolean.TRUE.equals(stored) ? "stored" : "stored before, a redelivery");
                return;
            } catch (RuntimeException ex) {
                String queue = message.getMessageProperties().getConsumerQueue();
                if (this.closing || !this.clock.instant().plus(backOff).isBefore(giveBackAt)) {
                    logger.error(
                            "Could not store a dead letter of {} after {} attempts: it goes back to its queue",
                            queue,
                            attempt,
                            ex);
                    throw new ImmediateRequeueAmqpException("Dead letter not stored: back to " + queue, ex);
                }
                logger.warn(
                        "Could not store a dead letter of {} (attempt {}), trying again in {}: {}",
                        queue,
                        attempt,
                        backOff,
                        ex.toString());
                waitFor(backOff, queue);
                backOff = min(backOff.multipliedBy(2), this.properties.storeBackOffMax());
            }
        }
    }

    /** Wakes a listener that waits to try again, so that the console's shutdown need not wait for the back-off. */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        this.closing = true;
        synchronized (this.wakeUp) {
            this.wakeUp.notifyAll();
        }
    }

    private void waitFor(Duration backOff, String queue) {
        synchronized (this.wakeUp) {
            try {
                if (!this.closing) {
                    this.wakeUp.wait(Math.max(1, backOff.toMillis()));
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new ImmediateRequeueAmqpException("Interrupted: the dead letter goes back to " + queue, ex);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
