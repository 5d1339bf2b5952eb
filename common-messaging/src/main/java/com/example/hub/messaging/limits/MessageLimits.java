package com.example.hub.messaging.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest message a listener of the hub accepts, under {@code hub.messaging}. A larger one is a permanent
 * failure: dead-lettered at once with the reason, never retried.
 *
 * @param maxMessageSize the largest body
 * @param maxHeadersSize the most bytes of header names and values together (but for the stack trace that
 *     dead-lettering records)
 */
@ConfigurationProperties("hub.messaging")
public record MessageLimits(
        @DefaultValue("1MB") DataSize maxMessageSize,
        @DefaultValue("16KB") DataSize maxHeadersSize) {}
