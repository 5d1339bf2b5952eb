package com.example.hub.messaging.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * Builds the whole topology of the hub as {@link Declarables}. Every application declares all of it with the same
 * arguments, so a request waits in its queue even when its consumer has never started, and a declaration never
 * conflicts with another application's.
 */
public final class HubTopologyDeclarables {

    private HubTopologyDeclarables() {}

    /**
     * The enterprise hub: {@link HubTopology#EXCHANGE}, its work queues (durable quorum queues) with their bindings,
     * and for each work queue a dead-letter exchange and a dead-letter queue.
     *
     * @return the declarables of the enterprise hub
     */
    public static Declarables hub() {
        List<Declarable> declarables = new ArrayList<>();
        TopicExchange exchange = ExchangeBuilder.topicExchange(HubTopology.EXCHANGE)
                .durable(true)
                .build();
        declarables.add(exchange);
        for (HubTopology.WorkQueue workQueue : HubTopology.WORK_QUEUES) {
            FanoutExchange deadLetterExchange = ExchangeBuilder.fanoutExchange(workQueue.deadLetterExchange())
                    .durable(true)
                    .build();
            Queue deadLetterQueue =
                    QueueBuilder.durable(workQueue.deadLetterQueue()).quorum().build();
            Queue queue = workQueue(workQueue.name(), workQueue.deadLetterExchange());
            declarables.add(deadLetterExchange);
            declarables.add(deadLetterQueue);
            declarables.add(BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange));
            declarables.add(queue);
            for (String bindingKey : workQueue.bindingKeys()) {
                declarables.add(BindingBuilder.bind(queue).to(exchange).with(bindingKey));
            }
        }
        return new Declarables(declarables);
    }

    /**
     * Odoo's product events: the {@link HubTopology#ODOO_EVENTS_EXCHANGE} topic exchange, SOINDI's queue
     * {@link HubTopology#ODOO_EVENTS_QUEUE} bound to every product event, and its dead-letter queue.
     *
     * <p>{@code odoo_events} is a plain durable queue without arguments: older clients declare it themselves with
     * {@code durable: true} and nothing else, and any argument here would make their declaration fail. Its failed
     * messages are republished to {@link HubTopology#ODOO_EVENTS_DEAD_LETTER_QUEUE} by the consumer's recoverer.
     *
     * @return the declarables of the event sync
     */
    public static Declarables odooEvents() {
        TopicExchange exchange = ExchangeBuilder.topicExchange(HubTopology.ODOO_EVENTS_EXCHANGE)
                .durable(true)
                .build();
        Queue queue = QueueBuilder.durable(HubTopology.ODOO_EVENTS_QUEUE).build();
        Queue deadLetterQueue = QueueBuilder.durable(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE)
                .quorum()
                .build();
        Binding binding =
                BindingBuilder.bind(queue).to(exchange).with(HubTopology.ODOO_PRODUCT_ROUTING_KEY_PREFIX + "#");
        return new Declarables(exchange, queue, deadLetterQueue, binding);
    }

    /**
     * The retry queues of some queues, one for each distinct delay: quorum queues whose messages expire after the
     * delay and are then dead-lettered back to their queue through the default exchange, at least once. The delay is
     * in the queue's name, so applications with other schedules declare other queues rather than conflicting ones.
     *
     * @param queues the queues whose messages are retried
     * @param delays the delays of the retry schedule
     * @return the declarables of the retry queues
     */
    public static Declarables retryQueues(List<String> queues, List<Duration> delays) {
        List<Declarable> declarables = new ArrayList<>();
        for (String queue : queues) {
            for (Duration delay : new LinkedHashSet<>(delays)) {
                declarables.add(QueueBuilder.durable(HubTopology.retryQueueOf(queue, delay))
                        .quorum()
                        .ttl(Math.toIntExact(delay.toMillis()))
                        .deadLetterExchange("")
                        .deadLetterRoutingKey(queue)
                        .overflow(QueueBuilder.Overflow.rejectPublish)
                        .withArgument("x-dead-letter-strategy", "at-least-once")
                        .build());
            }
        }
        return new Declarables(declarables);
    }

    private static Queue workQueue(String name, String deadLetterExchange) {
        return QueueBuilder.durable(name)
                .quorum()
                .deadLetterExchange(deadLetterExchange)
                .deliveryLimit(HubTopology.DELIVERY_LIMIT)
                .overflow(QueueBuilder.Overflow.rejectPublish)
                .withArgument("x-dead-letter-strategy", "at-least-once")
                .build();
    }
}
