package com.example.hub.messaging.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether this application can do its messaging work: its listener containers run and the queues they consume exist
 * (which also needs the broker to be reachable). The depth of the dead-letter queues is reported as information only:
 * failed messages waiting for investigation do not make an application unready.
 */
public class HubMessagingHealthIndicator extends AbstractHealthIndicator {

    private final AmqpAdmin amqpAdmin;

    private final ObjectProvider<RabbitListenerEndpointRegistry> registry;

    private final ObjectProvider<DownstreamPause> pause;

    private final ObjectProvider<SingleInstanceGuard> guard;

    private final List<String> deadLetterQueues;

    public HubMessagingHealthIndicator(
            AmqpAdmin amqpAdmin,
            ObjectProvider<RabbitListenerEndpointRegistry> registry,
            ObjectProvider<DownstreamPause> pause,
            ObjectProvider<SingleInstanceGuard> guard,
            List<String> deadLetterQueues) {
        super("Messaging health check failed");
        this.amqpAdmin = amqpAdmin;
        this.registry = registry;
        this.pause = pause;
        this.guard = guard;
        this.deadLetterQueues = List.copyOf(deadLetterQueues);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<String> problems = new ArrayList<>();
        SingleInstanceGuard singleInstance = this.guard.getIfAvailable();
        if (singleInstance != null) {
            singleInstance.standingAside().ifPresent(problems::add);
        }
        Map<String, Object> listeners = new TreeMap<>();
        RabbitListenerEndpointRegistry endpoints = this.registry.getIfAvailable();
        Collection<?> containers = endpoints != null ? endpoints.getListenerContainers() : List.of();
        DownstreamPause downstreamPause = this.pause.getIfAvailable();
        String pausedFor = downstreamPause != null ? downstreamPause.pausedFor().orElse(null) : null;
        for (Object container : containers) {
            if (!(container instanceof AbstractMessageListenerContainer listenerContainer)) {
                continue;
            }
            String id = listenerContainer.getListenerId();
            boolean running = listenerContainer.isRunning();
            listeners.put(
                    id != null ? id : listenerContainer.toString(),
                    running ? "running" : pausedFor != null ? "paused while " + pausedFor + " is down" : "stopped");
            if (listenerContainer.isAutoStartup() && !running && pausedFor == null) {
                problems.add("listener " + id + " is not running");
            }
            for (String queue : listenerContainer.getQueueNames()) {
                if (this.amqpAdmin.getQueueInfo(queue) == null) {
                    problems.add("queue " + queue + " does not exist");
                }
            }
        }
        Map<String, Object> deadLetters = new TreeMap<>();
        for (String queue : this.deadLetterQueues) {
            QueueInformation info = this.amqpAdmin.getQueueInfo(queue);
            deadLetters.put(queue, info != null ? info.getMessageCount() : "missing");
        }
        builder.withDetail("listeners", listeners).withDetail("deadLetterMessages", deadLetters);
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.down().withDetail("problems", problems);
        }
    }
}
