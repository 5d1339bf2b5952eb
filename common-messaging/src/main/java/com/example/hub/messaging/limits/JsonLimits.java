package com.example.hub.messaging.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import tools.jackson.core.StreamReadConstraints;

/**
 * Limits of the JSON that Boot's {@code JsonMapper} reads, under {@code hub.json}: HTTP request bodies and the
 * messages the listeners convert alike. A document beyond one of them fails to read: a 400 on HTTP, a permanent
 * failure (dead-lettered at once) on AMQP.
 *
 * @param maxNestingDepth how deeply objects and arrays may nest (Jackson's default: 500)
 * @param maxNumberLength the most characters of a number (Jackson's default: 1000)
 * @param maxStringLength the most characters of a string value (Jackson's default: 20,000,000)
 * @param maxNameLength the most characters of a property name (Jackson's default: 50,000)
 */
@ConfigurationProperties("hub.json")
public record JsonLimits(
        @DefaultValue("32") int maxNestingDepth,
        @DefaultValue("100") int maxNumberLength,
        @DefaultValue("1000000") int maxStringLength,
        @DefaultValue("1000") int maxNameLength) {

    /**
     * These limits as Jackson's constraints, the others as Jackson has them.
     *
     * @return the constraints
     */
    public StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(this.maxNestingDepth)
                .maxNumberLength(this.maxNumberLength)
                .maxStringLength(this.maxStringLength)
                .maxNameLength(this.maxNameLength)
                .build();
    }
}
