package com.example.hub.messaging.health;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;

/**
 * A circuit breaker on the health of downstream systems: while the health indicator of one of them ({@code
 * hub.messaging.pause-while-down}) is {@code DOWN}, this application's listeners are stopped, so that messages wait in
 * their queues instead of using up their retries against a system that cannot answer; when it is up again, they start
 * again. The indicators are read every {@code hub.messaging.pause-check-interval}, without details; the listeners stop
 * only once {@code hub.messaging.pause-after} reads in a row found the same system down (one failed or slow check is not
 * an outage), and start again at the first read that finds every system up.
 */
public class DownstreamPause implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(DownstreamPause.class);

    private final HealthContributors contributors;

    private final Supplier<RabbitListenerEndpointRegistry> registry;

    private final List<String> downstreams;

    private final Duration interval;

    private final int pauseAfter;

    private int downInARow;

    private volatile @Nullable ScheduledExecutorService executor;

    private volatile @Nullable String pausedFor;

    /**
     * Creates a circuit breaker.
     *
     * @param contributors the application's health contributors
     * @param registry the registry of the application's listener containers, looked up when needed (as a dependency,
     *     the lifecycle would start it together with this circuit breaker, ahead of its own phase)
     * @param downstreams the names of the health indicators of the downstream systems
     * @param interval how often the indicators are read
     * @param pauseAfter how many reads in a row must find a system down before the listeners stop (at least 1)
     */
    public DownstreamPause(
            HealthContributors contributors,
            Supplier<RabbitListenerEndpointRegistry> registry,
            List<String> downstreams,
            Duration interval,
            int pauseAfter) {
        if (pauseAfter < 1) {
            throw new IllegalArgumentException("hub.messaging.pause-after must be at least 1: " + pauseAfter);
        }
        this.contributors = contributors;
        this.registry = registry;
        this.downstreams = List.copyOf(downstreams);
        this.interval = interval;
        this.pauseAfter = pauseAfter;
    }

    /**
     * The downstream system whose outage keeps the listeners stopped.
     *
     * @return its health indicator's name, or empty while the listeners are not paused
     */
    public Optional<String> pausedFor() {
        return Optional.ofNullable(this.pausedFor);
    }

    /** Reads the downstream systems' health and stops or starts the listeners accordingly. */
    void check() {
        String down = this.downstreams.stream().filter(this::isDown).findFirst().orElse(null);
        this.downInARow = (down != null) ? this.downInARow + 1 : 0;
        String paused = this.pausedFor;
        if (down != null && paused == null && this.downInARow < this.pauseAfter) {
            logger.info("Downstream '" + down + "' is DOWN (" + this.downInARow + " of " + this.pauseAfter
                    + " checks in a row before the listeners stop)");
        } else if (down != null && paused == null) {
            logger.warn("Downstream '" + down + "' is DOWN: stopping the listeners until it is up again");
            this.pausedFor = down;
            this.registry.get().getListenerContainers().forEach(container -> container.stop());
        } else if (down == null && paused != null) {
            logger.info("Downstream '" + paused + "' is up again: starting the listeners");
            this.registry.get().getListenerContainers().stream()
                    .filter(container -> container.isAutoStartup())
                    .forEach(container -> container.start());
            this.pausedFor = null;
        }
    }

    private boolean isDown(String name) {
        HealthContributor contributor = this.contributors.getContributor(name);
        if (!(contributor instanceof HealthIndicator indicator)) {
            return false;
        }
        try {
            Status status = indicator.health(false).getStatus();
            return Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status);
        } catch (RuntimeException ex) {
            return true;
        }
    }

    @Override
    public void start() {
        if (this.downstreams.isEmpty() || this.executor != null) {
            return;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("hub-downstream-pause").daemon().factory());
        long millis = this.interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
        this.executor = scheduler;
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException ex) {
            logger.warn("Could not check the downstream systems: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = this.executor;
        if (scheduler != null) {
            scheduler.shutdownNow();
            this.executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.executor != null;
    }

    @Override
    public int getPhase() {
        // after the listener containers start, before they stop
        return Integer.MAX_VALUE - 1;
    }
}
