package com.example.hub.messaging.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The circuit breaker stops the listeners only once a downstream system was found down several times in a row, and
 * starts them at the first check that finds it up: a single failed check, as on an overloaded machine, is no outage.
 */
class DownstreamPauseTests {

    private final AtomicReference<Health> creatio =
            new AtomicReference<>(Health.up().build());

    private final DownstreamPause pause = new DownstreamPause(
            CompositeHealthContributor.fromMap(Map.of("creatio", (HealthIndicator) this.creatio::get)),
            RabbitListenerEndpointRegistry::new,
            List.of("creatio"),
            Duration.ofSeconds(5),
            3);

    @Test
    void pausesAfterThreeChecksInARowFindTheDownstreamDown() {
        this.creatio.set(Health.down().build());
        this.pause.check();
        this.pause.check();
        assertThat(this.pause.pausedFor()).isEmpty();

        this.pause.check();

        assertThat(this.pause.pausedFor()).contains("creatio");
    }

    @Test
    void aCheckThatFindsItUpStartsTheCountAgain() {
        this.creatio.set(Health.down().build());
        this.pause.check();
        this.pause.check();
        this.creatio.set(Health.up().build());
        this.pause.check();
        this.creatio.set(Health.down().build());
        this.pause.check();
        this.pause.check();

        assertThat(this.pause.pausedFor()).isEmpty();
    }

    @Test
    void resumesAtTheFirstCheckThatFindsItUp() {
        this.creatio.set(Health.outOfService().build());
        this.pause.check();
        this.pause.check();
        this.pause.check();
        assertThat(this.pause.pausedFor()).contains("creatio");

        this.creatio.set(Health.up().build());
        this.pause.check();

        assertThat(this.pause.pausedFor()).isEmpty();
    }

    @Test
    void aHealthCheckThatThrowsCountsAsDown() {
        HealthIndicator failing = () -> {
            throw new IllegalStateException("timed out");
        };
        DownstreamPause breaker = new DownstreamPause(
                CompositeHealthContributor.fromMap(Map.of("creatio", failing)),
                RabbitListenerEndpointRegistry::new,
                List.of("creatio"),
                Duration.ofSeconds(5),
                1);

        breaker.check();

        assertThat(breaker.pausedFor()).contains("creatio");
    }

    @Test
    void atLeastOneCheckIsNeeded() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DownstreamPause(
                        CompositeHealthContributor.fromMap(Map.of()),
                        RabbitListenerEndpointRegistry::new,
                        List.of("creatio"),
                        Duration.ofSeconds(5),
                        0))
                .withMessageContaining("pause-after");
    }
}
