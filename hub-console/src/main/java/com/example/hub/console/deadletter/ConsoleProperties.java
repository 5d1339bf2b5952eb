package com.example.hub.console.deadletter;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dead-letter console, under {@code hub.console}.
 *
 * @param storeBackOff how long the ledger waits before it tries again to store a dead letter it could not store (the
 *     database is down), doubled at each failure up to {@code storeBackOffMax}; meanwhile the dead letter stays
 *     unacknowledged in its queue
 * @param storeBackOffMax the longest wait between two tries
 * @param holdAtMost how long the ledger holds one unstored dead letter before it gives it back to its queue (a
 *     rejection with requeue), below the broker's consumer timeout (30 min by default), which would close the channel
 * @param metricsRefresh how often the ledger's gauge ({@code hub.console.dead.letters}) is counted again
 */
@ConfigurationProperties("hub.console")
record ConsoleProperties(
        @DefaultValue("1s") Duration storeBackOff,
        @DefaultValue("30s") Duration storeBackOffMax,
        @DefaultValue("10m") Duration holdAtMost,
        @DefaultValue("10s") Duration metricsRefresh) {}
