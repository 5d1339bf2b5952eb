package com.example.hub.messaging.health;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps a second instance of an application whose data lives in a store only one instance can use (an embedded H2
 * file) from consuming: if another consumer already reads one of its queues when it starts, its listeners do not start,
 * it says why in its log and its readiness is {@code DOWN}. Two such instances would each see only part of the
 * messages and of the data (a 1C response reaching the instance that does not have its request), so the second one
 * stands aside rather than misroute; several instances need a shared database ({@code SPRING_DATASOURCE_URL}). It
 * looks again every few seconds and starts its listeners once nobody else consumes, as when the broker has only just
 * noticed that the instance it replaces is gone.
 */
public class SingleInstanceGuard implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(SingleInstanceGuard.class);

    private final AmqpAdmin amqpAdmin;

    private final Supplier<RabbitListenerEndpointRegistry> registry;

    private final String store;

    private volatile @Nullable String standingAside;

    private volatile boolean running;

    private volatile @Nullable ScheduledExecutorService recheck;

    /**
     * Creates the guard.
     *
     * @param amqpAdmin reads the queues' consumer counts
     * @param registry the registry of the application's listener containers, looked up when the guard starts: as a
     *     dependency of the guard, the lifecycle would start it, and the listeners, first
     * @param store the store only one instance can use, for the message
     */
    public SingleInstanceGuard(AmqpAdmin amqpAdmin, Supplier<RabbitListenerEndpointRegistry> registry, String store) {
        this.amqpAdmin = amqpAdmin;
        this.registry = registry;
        this.store = store;
    }

    /**
     * Why this instance does not consume.
     *
     * @return the reason, or empty when it consumes as usual
     */
    public Optional<String> standingAside() {
        return Optional.ofNullable(this.standingAside);
    }

    @Override
    public void start() {
        this.running = true;
        String otherConsumer = otherConsumer();
        if (otherConsumer == null) {
            return;
        }
        this.standingAside = otherConsumer;
        logger.error("Not consuming: " + otherConsumer);
        this.registry.get().getListenerContainers().forEach(container -> container.setAutoStartup(false));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("hub-single-instance").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::recheck, 5, 5, TimeUnit.SECONDS);
        this.recheck = scheduler;
    }

    /** Starts the listeners once nobody else consumes the queues. */
    private void recheck() {
        if (this.standingAside == null || otherConsumer() != null) {
            return;
        }
        logger.info("No other instance consumes this application's queues any more: starting the listeners");
        this.standingAside = null;
        this.registry.get().getListenerContainers().forEach(container -> {
            container.setAutoStartup(true);
            container.start();
        });
        stopRechecking();
    }

    /** Why another consumer keeps this instance from consuming, or {@code null} when none does. */
    private @Nullable String otherConsumer() {
        for (MessageListenerContainer container : this.registry.get().getListenerContainers()) {
            if (!(container instanceof AbstractMessageListenerContainer listenerContainer)
                    || listenerContainer.isRunning()) {
                continue;
            }
            for (String queue : listenerContainer.getQueueNames()) {
                int consumers = consumersOf(queue);
                if (consumers > 0) {
                    return "another instance already consumes " + queue + " (" + consumers
                            + " consumers), and this one keeps its data in " + this.store
                            + ", which only one instance can use: its listeners do not start. Run one instance, or"
                            + " give every instance one shared database (SPRING_DATASOURCE_URL)";
                }
            }
        }
        return null;
    }

    private int consumersOf(String queue) {
        try {
            QueueInformation info = this.amqpAdmin.getQueueInfo(queue);
            return info != null ? info.getConsumerCount() : 0;
        } catch (AmqpException ex) {
            // the broker is not reachable yet: nothing to compare with; the listeners connect once it is
            return 0;
        }
    }

    @Override
    public void stop() {
        this.running = false;
        stopRechecking();
    }

    private void stopRechecking() {
        ScheduledExecutorService scheduler = this.recheck;
        if (scheduler != null) {
            scheduler.shutdown();
            this.recheck = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        // just before the listener containers start
        return this.registry.get().getPhase() - 1;
    }
}
