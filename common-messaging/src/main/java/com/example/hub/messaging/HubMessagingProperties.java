package com.example.hub.messaging;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the hub's messaging, under {@code hub.messaging}.
 *
 * @param system the hub system this application speaks for, such as {@code dms}: the source of its responses; when
 *     set, the requester of a request that this application dead-letters gets an {@code error} response
 * @param serviceName the name this service records on the messages it publishes and dead-letters; defaults to {@code
 *     spring.application.name}
 * @param confirmTimeout how long a publish waits for the broker's confirmation before it fails
 * @param declareHubTopology whether this application declares the enterprise hub's exchanges and queues
 * @param declareOdooTopology whether this application declares the Odoo event exchange and queues
 * @param retry the delayed retries of messages whose processing failed for a reason that may go away
 * @param pauseWhileDown the names of health indicators of downstream systems: while one of them is down, this
 *     application's listeners are stopped, and they start again when it is up
 * @param pauseCheckInterval how often the health indicators of {@code pause-while-down} are read
 * @param pauseAfter how many reads in a row must find a downstream system down before the listeners stop: one slow or
 *     failed health check (a timeout on a busy machine) is not an outage, and the messages meanwhile take their
 *     delayed retries
 * @param singleInstance whether this application's data lives in a store only one instance can use, so that a second
 *     instance must not consume; by default, when its database is an embedded H2 file ({@code jdbc:h2:file:},
 *     {@code jdbc:h2:async:})
 */
@ConfigurationProperties("hub.messaging")
public record HubMessagingProperties(
        String system,
        String serviceName,
        @DefaultValue("5s") Duration confirmTimeout,
        @DefaultValue("true") boolean declareHubTopology,
        @DefaultValue("false") boolean declareOdooTopology,
        @DefaultValue Retry retry,
        @DefaultValue List<String> pauseWhileDown,
        @DefaultValue("5s") Duration pauseCheckInterval,
        @DefaultValue("3") int pauseAfter,
        @Nullable Boolean singleInstance) {

    /**
     * Delayed retries: once the listener's own quick retries ({@code spring.rabbitmq.listener.simple.retry.*}) are
     * spent on a failure that may go away, the message waits in a retry queue of its queue for the next delay of the
     * schedule, without holding a consumer, and then goes back to its queue. The last delay repeats until the message
     * has been failing for {@code giveUpAfter}; then it is dead-lettered.
     *
     * @param delays how long a message waits before its first, second, ... delayed retry; each distinct delay is a
     *     retry queue per work queue, named {@code <queue>.retry.<delay>}
     * @param giveUpAfter how long after its first failure a message is still retried; {@code 0} dead-letters it once
     *     the listener's quick retries are spent
     */
    public record Retry(
            @DefaultValue({"1s", "5s", "30s", "1m", "2m", "5m"})
            List<Duration> delays,

            @DefaultValue("30m") Duration giveUpAfter) {

        public Retry {
            delays = List.copyOf(delays);
            if (delays.isEmpty() || delays.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
                throw new IllegalArgumentException("hub.messaging.retry.delays must be positive durations: " + delays);
            }
        }

        /**
         * Whether messages are retried with delays at all.
         *
         * @return {@code false} when {@code giveUpAfter} is zero
         */
        public boolean enabled() {
            return giveUpAfter.isPositive();
        }
    }
}
