package com.example.hub.dms;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the simulated DMS, under {@code dms}.
 *
 * @param processingDelay how long the simulated DMS takes for each request ({@code DMS_PROCESSING_DELAY}); zero, the
 *     default, answers at once
 * @param unknownPolicyNumbers policy numbers that look valid ({@code POL-...}) but that the DMS does not know ({@code
 *     DMS_UNKNOWN_POLICY_NUMBERS}, comma-separated)
 */
@ConfigurationProperties("dms")
public record DmsProperties(
        @DefaultValue("0s") Duration processingDelay,
        @DefaultValue({"POL-UNKNOWN", "POL-NOT-FOUND"}) Set<String> unknownPolicyNumbers) {}
