package com.example.hub.messaging.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Locale;

/**
 * The hub's own meters, beside those Spring AMQP's observations give for free ({@code spring.rabbit.listener}: every
 * message a listener processed, how long it took and whether it failed; {@code spring.rabbit.template}):
 *
 * <ul>
 *   <li>{@code hub.publish}: every message published, with how long the broker took to confirm it, by {@code exchange}
 *       and {@code outcome} ({@code confirmed}, {@code returned}, {@code nacked}, {@code timeout}, {@code
 *       unreachable});
 *   <li>{@code hub.messages.retried}: failed messages sent to wait in a retry queue, by {@code queue};
 *   <li>{@code hub.messages.dead.lettered}: messages dead-lettered, by {@code queue} and {@code kind} ({@code
 *       permanent}, {@code retries-exhausted}).
 * </ul>
 */
public final class HubMetrics {

    /** Meters that go nowhere, for an application without a meter registry. */
    public static final HubMetrics NONE = new HubMetrics(new CompositeMeterRegistry());

    private final Meter.MeterProvider<Timer> publishes;

    private final Meter.MeterProvider<Counter> retries;

    private final Meter.MeterProvider<Counter> deadLetters;

    /**
     * Creates the hub's meters in a registry.
     *
     * @param registry the application's meter registry
     */
    public HubMetrics(MeterRegistry registry) {
        // built once: each record only adds its tags and finds its meter
        this.publishes = Timer.builder("hub.publish")
                .description("Messages published, and how long until the broker confirmed them")
                .publishPercentileHistogram()
                .withRegistry(registry);
        this.retries = Counter.builder("hub.messages.retried")
                .description("Failed messages sent to wait in a retry queue before they are tried again")
                .withRegistry(registry);
        this.deadLetters = Counter.builder("hub.messages.dead.lettered")
                .description("Messages sent to their dead-letter queue")
                .withRegistry(registry);
    }

    /**
     * A message was published and the broker answered, or did not.
     *
     * @param exchange the exchange it was published to ({@code ""} is the default exchange)
     * @param outcome how the publish ended
     * @param took from the publish to the broker's answer, or to giving up
     */
    public void published(String exchange, PublishOutcome outcome, Duration took) {
        this.publishes
                .withTags("exchange", exchange.isEmpty() ? "(default)" : exchange, "outcome", outcome.tagValue())
                .record(took);
    }

    /**
     * A failed message was sent to wait in a retry queue of its queue.
     *
     * @param queue the queue it failed on
     */
    public void retryScheduled(String queue) {
        this.retries.withTags("queue", queue).increment();
    }

    /**
     * A message was dead-lettered.
     *
     * @param queue the queue it failed on
     * @param kind why, as its {@code x-failure-kind} header says: {@code permanent} or {@code retries-exhausted}
     */
    public void deadLettered(String queue, String kind) {
        this.deadLetters.withTags("queue", queue, "kind", kind).increment();
    }

    /** How a publish ended. */
    public enum PublishOutcome {
        /** The broker confirmed the message. */
        CONFIRMED,
        /** No queue was bound for it: the broker returned it. */
        RETURNED,
        /** The broker refused it. */
        NACKED,
        /** The broker did not answer in time. */
        TIMEOUT,
        /** The broker could not be reached. */
        UNREACHABLE;

        String tagValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
