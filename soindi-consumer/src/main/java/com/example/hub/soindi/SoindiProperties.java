package com.example.hub.soindi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of SOINDI, under {@code soindi}.
 *
 * @param instanceId the name of this instance, recorded with every event it applies; defaults to the host name and
 *     process id
 * @param batchSize how many events SOINDI takes from its queue at most to apply them in one transaction and
 *     acknowledge them together
 * @param batchTimeout how long SOINDI waits at most for a batch to fill before it applies the events it has
 */
@ConfigurationProperties("soindi")
public record SoindiProperties(
        String instanceId,
        @DefaultValue("50") int batchSize,
        @DefaultValue("100ms") Duration batchTimeout) {

    public SoindiProperties {
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = defaultInstanceId();
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("soindi.batch-size must be at least 1, not " + batchSize);
        }
        if (batchTimeout.isNegative() || batchTimeout.isZero()) {
            throw new IllegalArgumentException("soindi.batch-timeout must be positive, not " + batchTimeout);
        }
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException ex) {
            host = "soindi";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
