package com.example.hub.messaging.topology;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The names of the hub's exchanges, queues and bindings, defined once for every producer and consumer.
 *
 * <p>Requests and responses travel through the {@value #EXCHANGE} topic exchange with routing keys
 * {@code <source>.request.<target>.<type>} and {@code <source>.response.<target>.<type>}. Each work queue has a
 * dead-letter exchange of its own (fanout) and a dead-letter queue behind it.
 */
public final class HubTopology {

    /** The topic exchange every request and response of the hub is published to. */
    public static final String EXCHANGE = "main_exchange";

    /** Work queue of the 1C (ERP) adapter: responses addressed to 1C. */
    public static final String ONEC_QUEUE = "1c_queue";

    /** Work queue of the DMS adapter: requests addressed to DMS. */
    public static final String DMS_QUEUE = "dms_queue";

    /** Work queue of the CRM adapter: requests and responses addressed to CRM. */
    public static final String CRM_QUEUE = "crm_queue";

    public static final String ONEC_DEAD_LETTER_QUEUE = "1c_dead_letter_queue";

    public static final String DMS_DEAD_LETTER_QUEUE = "dms_dead_letter_queue";

    public static final String CRM_DEAD_LETTER_QUEUE = "crm_dead_letter_queue";

    public static final String ONEC_DEAD_LETTER_EXCHANGE = "1c_dead_letter_exchange";

    public static final String DMS_DEAD_LETTER_EXCHANGE = "dms_dead_letter_exchange";

    public static final String CRM_DEAD_LETTER_EXCHANGE = "crm_dead_letter_exchange";

    /**
     * How often the broker redelivers a message of a work queue (consumer crash, connection loss, explicit requeue)
     * before it dead-letters it. A safety net only: listener retries happen in the listener and do not redeliver. The
     * same value must be declared by every application, so it is not configurable.
     */
    public static final int DELIVERY_LIMIT = 10;

    /** The work queues of the hub, each with its bindings and its dead-letter route. */
    public static final List<WorkQueue> WORK_QUEUES = List.of(
            new WorkQueue(ONEC_QUEUE, List.of("*.response.1c.#"), ONEC_DEAD_LETTER_EXCHANGE, ONEC_DEAD_LETTER_QUEUE),
            new WorkQueue(DMS_QUEUE, List.of("*.request.dms.#"), DMS_DEAD_LETTER_EXCHANGE, DMS_DEAD_LETTER_QUEUE),
            new WorkQueue(
                    CRM_QUEUE,
                    List.of("*.request.crm.#", "*.response.crm.#"),
                    CRM_DEAD_LETTER_EXCHANGE,
                    CRM_DEAD_LETTER_QUEUE));

    /** Product events of Odoo: a fanout-like topic exchange that any number of subscribers bind their queues to. */
    public static final String ODOO_EVENTS_EXCHANGE = "odoo_events_exchange";

    /** Routing keys of product events on {@link #ODOO_EVENTS_EXCHANGE}: {@code product.<event type>}. */
    public static final String ODOO_PRODUCT_ROUTING_KEY_PREFIX = "product.";

    /** SOINDI's queue of Odoo events: a plain durable queue, so that older clients may declare it themselves. */
    public static final String ODOO_EVENTS_QUEUE = "odoo_events";

    public static final String ODOO_EVENTS_DEAD_LETTER_QUEUE = "odoo_events_dead_letter_queue";

    /**
     * The fanout exchange that SOINDI's recoverer republishes the failed events of {@link #ODOO_EVENTS_QUEUE} to, bound
     * to {@link #ODOO_EVENTS_DEAD_LETTER_QUEUE}. It is not a broker-side dead-letter exchange of {@code odoo_events},
     * which stays without arguments; it exists so that republishing does not need the default exchange, through which
     * a user could write to any queue.
     */
    public static final String ODOO_EVENTS_DEAD_LETTER_EXCHANGE = "odoo_events_dead_letter_exchange";

    /**
     * Every dead-letter queue of the hub: those of the work queues and of {@link #ODOO_EVENTS_QUEUE}. The dead-letter
     * console reads them all.
     */
    public static final List<String> DEAD_LETTER_QUEUE_NAMES = List.of(
            ONEC_DEAD_LETTER_QUEUE, DMS_DEAD_LETTER_QUEUE, CRM_DEAD_LETTER_QUEUE, ODOO_EVENTS_DEAD_LETTER_QUEUE);

    private static final Map<String, String> DEAD_LETTER_EXCHANGES = Map.of(
            ONEC_QUEUE, ONEC_DEAD_LETTER_EXCHANGE,
            DMS_QUEUE, DMS_DEAD_LETTER_EXCHANGE,
            CRM_QUEUE, CRM_DEAD_LETTER_EXCHANGE);

    private static final Map<String, String> REPUBLISH_EXCHANGES = Map.of(
            ONEC_QUEUE, ONEC_DEAD_LETTER_EXCHANGE,
            DMS_QUEUE, DMS_DEAD_LETTER_EXCHANGE,
            CRM_QUEUE, CRM_DEAD_LETTER_EXCHANGE,
            ODOO_EVENTS_QUEUE, ODOO_EVENTS_DEAD_LETTER_EXCHANGE);

    private static final Map<String, String> DEAD_LETTER_QUEUES = Map.of(
            ONEC_QUEUE, ONEC_DEAD_LETTER_QUEUE,
            DMS_QUEUE, DMS_DEAD_LETTER_QUEUE,
            CRM_QUEUE, CRM_DEAD_LETTER_QUEUE,
            ODOO_EVENTS_QUEUE, ODOO_EVENTS_DEAD_LETTER_QUEUE);

    private HubTopology() {}

    /**
     * The retry exchange of a queue: a direct exchange that routes a message with the name of one of the queue's retry
     * queues as routing key to that retry queue, and one with the queue's own name back to the queue. Applications
     * publish to it, and the retry queues dead-letter to it, rather than through the default exchange: write access to
     * the default exchange would let an application write to any queue, while write access to this exchange reaches
     * only the queue and its retry queues.
     *
     * @param queue the queue whose messages are retried
     * @return {@code <queue>.retry}, such as {@code crm_queue.retry}
     */
    public static String retryExchangeOf(String queue) {
        return queue + ".retry";
    }

    /**
     * The retry queue of a queue for one delay: a message waits there for the delay (its message TTL), then the broker
     * dead-letters it back to its queue through the queue's retry exchange ({@link #retryExchangeOf}).
     *
     * @param queue the queue whose messages are retried
     * @param delay how long a message waits
     * @return {@code <queue>.retry.<delay>}, such as {@code crm_queue.retry.30s} or {@code crm_queue.retry.5m}
     */
    public static String retryQueueOf(String queue, Duration delay) {
        long millis = delay.toMillis();
        String label;
        if (millis % 3_600_000 == 0) {
            label = millis / 3_600_000 + "h";
        } else if (millis % 60_000 == 0) {
            label = millis / 60_000 + "m";
        } else if (millis % 1000 == 0) {
            label = millis / 1000 + "s";
        } else {
            label = millis + "ms";
        }
        return queue + ".retry." + label;
    }

    /**
     * Whether the hub retries the messages of a queue with delays: its work queues and SOINDI's queue of Odoo events.
     *
     * @param queue a queue name
     * @return {@code true} when the queue has a dead-letter queue of the hub
     */
    public static boolean isRetried(String queue) {
        return deadLetterQueueOf(queue).isPresent();
    }

    /**
     * The dead-letter queue that holds the failed messages of a queue, if the hub knows one.
     *
     * @param queue the queue a message was consumed from
     * @return the name of its dead-letter queue
     */
    public static Optional<String> deadLetterQueueOf(String queue) {
        return queue == null ? Optional.empty() : Optional.ofNullable(DEAD_LETTER_QUEUES.get(queue));
    }

    /**
     * The dead-letter exchange of a work queue, if it has one.
     *
     * @param queue the queue a message was consumed from
     * @return the name of its dead-letter exchange
     */
    public static Optional<String> deadLetterExchangeOf(String queue) {
        return queue == null ? Optional.empty() : Optional.ofNullable(DEAD_LETTER_EXCHANGES.get(queue));
    }

    /**
     * The exchange a consumer of a queue republishes its failed messages to, so that they reach the queue's dead-letter
     * queue: the dead-letter exchange of a work queue, {@link #ODOO_EVENTS_DEAD_LETTER_EXCHANGE} for {@link
     * #ODOO_EVENTS_QUEUE}. Each is a fanout exchange bound to the dead-letter queue only.
     *
     * @param queue the queue a message was consumed from
     * @return the name of the exchange
     */
    public static Optional<String> republishExchangeOf(String queue) {
        return queue == null ? Optional.empty() : Optional.ofNullable(REPUBLISH_EXCHANGES.get(queue));
    }

    /**
     * A work queue of the hub.
     *
     * @param name the queue name
     * @param bindingKeys the binding keys on {@link #EXCHANGE}
     * @param deadLetterExchange the fanout exchange failed messages go to
     * @param deadLetterQueue the queue bound to the dead-letter exchange
     */
    public record WorkQueue(String name, List<String> bindingKeys, String deadLetterExchange, String deadLetterQueue) {}
}
