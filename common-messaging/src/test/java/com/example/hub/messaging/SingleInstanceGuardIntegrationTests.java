package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.health.HubMessagingHealthIndicator;
import com.example.hub.testsupport.TestBroker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second instance of an application whose data only one instance can use does not consume while the first one
 * does, says why in its readiness, and starts consuming once the first one is gone.
 */
class SingleInstanceGuardIntegrationTests {

    private final TestBroker broker = TestBroker.get();

    private final String virtualHost = this.broker.newVirtualHost("single-instance");

    private ConfigurableApplicationContext first;

    private ConfigurableApplicationContext second;

    @AfterEach
    void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {this.second, this.first}) {
            if (context != null) {
                context.close();
            }
        }
        this.broker.deleteVirtualHost(this.virtualHost);
    }

    @Test
    void aSecondInstanceStandsAsideUntilTheFirstIsGone() {
        this.first = start("first");
        assertThat(listenersRunning(this.first)).isTrue();

        this.second = start("second");

        assertThat(listenersRunning(this.second)).isFalse();
        Health health = this.second.getBean(HubMessagingHealthIndicator.class).health(true);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("problems").toString())
                .containsPattern("another instance already consumes (dms|crm)_queue")
                .contains("SPRING_DATASOURCE_URL");
        assertThat(this.first
                        .getBean(HubMessagingHealthIndicator.class)
                        .health(true)
                        .getStatus())
                .isEqualTo(Status.UP);

        this.first.close();

        await().atMost(Duration.ofSeconds(20)).until(() -> listenersRunning(this.second));
        assertThat(this.second
                        .getBean(HubMessagingHealthIndicator.class)
                        .health(true)
                        .getStatus())
                .isEqualTo(Status.UP);
    }

    private ConfigurableApplicationContext start(String name) {
        return new SpringApplicationBuilder(MessagingTestApplication.class)
                .run(
                        "--spring.application.name=" + name,
                        "--hub.messaging.single-instance=true",
                        "--spring.rabbitmq.host=" + this.broker.host(),
                        "--spring.rabbitmq.port=" + this.broker.amqpPort(),
                        "--spring.rabbitmq.username=" + this.broker.username(),
                        "--spring.rabbitmq.password=" + this.broker.password(),
                        "--spring.rabbitmq.virtual-host=" + this.virtualHost);
    }

    private static boolean listenersRunning(ConfigurableApplicationContext context) {
        return context.getBean(RabbitListenerEndpointRegistry.class).getListenerContainers().stream()
                .allMatch(container -> container.isRunning());
    }
}
