package com.example.hub.onec;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the 1C adapter, under {@code onec}.
 *
 * @param maxRequestSize the largest request body accepted; larger ones are answered 413
 * @param publishTimeout how long a request may stay in publishing before another attempt with the same request id
 *     takes it over (its first attempt is then taken as lost); also how long such an attempt waits for the first one.
 *     Must exceed the publisher's confirm timeout ({@code hub.messaging.confirm-timeout})
 * @param maxConcurrentSends how many requests to {@code /send_to_*} are worked on at once; one more is answered 503
 *     with {@code Retry-After} (each holds its body and waits for the broker, so this bounds the memory they take)
 */
@ConfigurationProperties("onec")
public record OnecProperties(
        @DefaultValue("64KB") DataSize maxRequestSize,
        @DefaultValue("15s") Duration publishTimeout,
        @DefaultValue("256") int maxConcurrentSends) {}
