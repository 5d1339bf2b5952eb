package com.example.hub.soindi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of SOINDI, under {@code soindi}.
 *
 * @param instanceId the name of this instance, recorded with every event it applies; defaults to the host name and
 *     process id
 */
@ConfigurationProperties("soindi")
public record SoindiProperties(String instanceId) {

    public SoindiProperties {
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = defaultInstanceId();
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
