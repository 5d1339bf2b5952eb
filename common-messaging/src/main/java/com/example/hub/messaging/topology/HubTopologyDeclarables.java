package com.example.hub.messaging.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;

/**
 * Builds the whole topology of the hub as {@link Declarables}. By default every application declares all of it with
 * the same arguments, so a request waits in its queue even when its consumer has never started, and a declaration
 * never conflicts with another application's.
 *
 * <p>Where each application has a broker user of its own with least privilege ({@code
 * hub.messaging.topology.declare-shared=false}), the shared part ({@link #hub()} and {@link #odooEvents()}) is declared
 * once by an administrator (compose imports {@code docker/rabbitmq/definitions.json} when the broker starts), and an
 * application declares only its retry queues ({@link #retryQueues}): declaring the shared topology would need configure
 * permission on every queue, which also allows deleting them. See {@code docs/broker-permissions.md}.
 */
public final class HubTopologyDeclarables {

    private HubTopologyDeclarables() {}

    /**
     * The enterprise hub: {@link HubTopology#EXCHANGE}, its work queues (durable quorum queues) with their bindings,
     * and for each work queue a dead-letter exchange and a dead-letter queue, and a retry exchange ({@link
     * HubTopology#retryExchangeOf}) that routes the queue's name back to the queue.
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
            declarables.addAll(retryExchange(queue));
        }
        return new Declarables(declarables);
    }

    /**
     * Odoo's product events: the {@link HubTopology#ODOO_EVENTS_EXCHANGE} topic exchange, SOINDI's queue
     * {@link HubTopology#ODOO_EVENTS_QUEUE} bound to every product event, its dead-letter queue behind {@link
     * HubTopology#ODOO_EVENTS_DEAD_LETTER_EXCHANGE}, and its retry exchange.
     *
     * <p>{@code odoo_events} is a plain durable queue without arguments: older clients declare it themselves with
     * {@code durable: true} and nothing else, and any argument here would make their declaration fail. Its failed
     * messages are republished to {@link HubTopology#ODOO_EVENTS_DEAD_LETTER_EXCHANGE} by the consumer's recoverer.
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
        FanoutExchange deadLetterExchange = ExchangeBuilder.fanoutExchange(HubTopology.ODOO_EVENTS_DEAD_LETTER_EXCHANGE)
                .durable(true)
                .build();
        List<Declarable> declarables = new ArrayList<>(List.of(
                exchange,
                queue,
                deadLetterQueue,
                BindingBuilder.bind(queue).to(exchange).with(HubTopology.ODOO_PRODUCT_ROUTING_KEY_PREFIX + "#"),
                deadLetterExchange,
                BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange)));
        declarables.addAll(retryExchange(queue));
        return new Declarables(declarables);
    }

    /**
     * The retry queues of some queues, one for each distinct delay, bound to the queue's retry exchange ({@link
     * HubTopology#retryExchangeOf}, part of the shared topology) under their own name: quorum queues whose messages
     * expire after the delay and are then dead-lettered back to their queue through the retry exchange, at least once.
     * The delay is in the queue's name, so applications with other schedules declare other queues rather than
     * conflicting ones.
     *
     * @param queues the queues whose messages are retried
     * @param delays the delays of the retry schedule
     * @return the declarables of the retry queues
     */
    public static Declarables retryQueues(List<String> queues, List<Duration> delays) {
        List<Declarable> declarables = new ArrayList<>();
        for (String queue : queues) {
            String retryExchange = HubTopology.retryExchangeOf(queue);
            for (Duration delay : new LinkedHashSet<>(delays)) {
                String name = HubTopology.retryQueueOf(queue, delay);
                Queue retryQueue = QueueBuilder.durable(name)
                        .quorum()
                        .ttl(Math.toIntExact(delay.toMillis()))
                        .deadLetterExchange(retryExchange)
                        .deadLetterRoutingKey(queue)
                        .overflow(QueueBuilder.Overflow.rejectPublish)
                        .withArgument("x-dead-letter-strategy", "at-least-once")
                        .build();
                declarables.add(retryQueue);
                declarables.add(new Binding(name, Binding.DestinationType.QUEUE, retryExchange, name, null));
            }
        }
        return new Declarables(declarables);
    }

    /**
     * The retry queues of the queues that an application's listeners consume, for each distinct delay ({@link
     * #retryQueues}), worked out when the declarations are made (when the application first connects), once the
     * listener containers are registered.
     *
     * @param registry the application's listener containers, if it has any
     * @param delays the delays of the retry schedule
     * @return the declarables of the retry queues
     */
    public static Declarables retryQueuesOfConsumedQueues(
            Supplier<@Nullable RabbitListenerEndpointRegistry> registry, List<Duration> delays) {
        return new Declarables() {
            @Override
            public Collection<Declarable> getDeclarables() {
                RabbitListenerEndpointRegistry containers = registry.get();
                if (containers == null) {
                    return List.of();
                }
                Set<String> queues = new TreeSet<>();
                for (MessageListenerContainer container : containers.getListenerContainers()) {
                    if (container instanceof AbstractMessageListenerContainer listenerContainer) {
                        for (String queue : listenerContainer.getQueueNames()) {
                            if (HubTopology.isRetried(queue)) {
                                queues.add(queue);
                            }
                        }
                    }
                }
                return retryQueues(List.copyOf(queues), delays).getDeclarables();
            }

            @Override
            public <T extends Declarable> List<T> getDeclarablesByType(Class<? extends T> type) {
                return new Declarables(getDeclarables()).getDeclarablesByType(type);
            }
        };
    }

    /** The retry exchange of a queue, and the queue's binding to it under its own name. */
    private static List<Declarable> retryExchange(Queue queue) {
        DirectExchange retryExchange = ExchangeBuilder.directExchange(HubTopology.retryExchangeOf(queue.getName()))
                .durable(true)
                .build();
        return List.of(
                retryExchange, BindingBuilder.bind(queue).to(retryExchange).with(queue.getName()));
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
