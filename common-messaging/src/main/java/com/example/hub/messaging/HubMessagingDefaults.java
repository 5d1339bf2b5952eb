package com.example.hub.messaging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Boot's defaults for RabbitMQ, changed to what the hub needs: the broker named by {@code RABBITMQ_HOST}, {@code
 * RABBITMQ_PORT}, {@code RABBITMQ_USERNAME}, {@code RABBITMQ_PASSWORD} and {@code RABBITMQ_VHOST} (or by {@code
 * SPRING_RABBITMQ_ADDRESSES}, Boot's own), correlated publisher confirms, returns (mandatory is set on the template),
 * listener retries (3 attempts with exponential back-off), no requeueing of rejected messages, a pool of 64 channels
 * that publishing threads wait for (rather than opening and closing a channel for each publish beyond Boot's cache of
 * 25, measured in docs/benchmarks.md), and readiness that includes the broker and the hub's listeners. They are default
 * properties: an application's own configuration or the environment overrides each of them.
 */
public class HubMessagingDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = defaults();

    /** The environment variable that switches the console log to one of Boot's structured formats. */
    static final String LOG_FORMAT = "LOG_FORMAT";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(DEFAULTS, environment.getPropertySources());
        // a bundle named switches TLS on for Boot, whatever ssl.enabled says: named only when TLS is on
        if (Boolean.parseBoolean(environment.getProperty("HUB_TLS", "false"))) {
            DefaultPropertiesPropertySource.addOrMerge(
                    Map.of("server.ssl.bundle", "hub-server"), environment.getPropertySources());
        }
        if (Boolean.parseBoolean(environment.getProperty("RABBITMQ_TLS", "false"))) {
            DefaultPropertiesPropertySource.addOrMerge(
                    Map.of("spring.rabbitmq.ssl.bundle", "hub-rabbitmq"), environment.getPropertySources());
        }
        String structured = structuredFormat(environment.getProperty(LOG_FORMAT));
        if (structured != null) {
            DefaultPropertiesPropertySource.addOrMerge(
                    Map.of("logging.structured.format.console", structured), environment.getPropertySources());
        }
    }

    /**
     * Boot's structured log format for {@code LOG_FORMAT}: {@code json} is Elastic Common Schema, {@code ecs},
     * {@code logstash} and {@code gelf} are Boot's formats of those names; anything else (unset, {@code text}) keeps the
     * plain console log.
     */
    static @Nullable String structuredFormat(@Nullable String logFormat) {
        if (logFormat == null) {
            return null;
        }
        return switch (logFormat.trim().toLowerCase(Locale.ROOT)) {
            case "json", "ecs" -> "ecs";
            case "logstash" -> "logstash";
            case "gelf" -> "gelf";
            default -> null;
        };
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        // the broker from the environment variables that compose, the runner and .env use, for every application
        defaults.put("spring.rabbitmq.host", "${RABBITMQ_HOST:localhost}");
        defaults.put("spring.rabbitmq.port", "${RABBITMQ_PORT:5672}");
        defaults.put("spring.rabbitmq.username", "${RABBITMQ_USERNAME:guest}");
        defaults.put("spring.rabbitmq.password", "${RABBITMQ_PASSWORD:guest}");
        defaults.put("spring.rabbitmq.virtual-host", "${RABBITMQ_VHOST:/}");
        // TLS, off unless switched on (README, "Security"): HTTPS with HUB_TLS=true and the PEM files HUB_TLS_CERT and
        // HUB_TLS_KEY; AMQPS with RABBITMQ_TLS=true (and RABBITMQ_PORT=5671), trusting the CA of the PEM file
        // RABBITMQ_TLS_CA (else the JVM's), with RABBITMQ_TLS_CERT and RABBITMQ_TLS_KEY as client certificate if set
        defaults.put("server.ssl.enabled", "${HUB_TLS:false}");
        defaults.put("spring.ssl.bundle.pem.hub-server.keystore.certificate", "${HUB_TLS_CERT:}");
        defaults.put("spring.ssl.bundle.pem.hub-server.keystore.private-key", "${HUB_TLS_KEY:}");
        defaults.put("spring.rabbitmq.ssl.enabled", "${RABBITMQ_TLS:false}");
        defaults.put("spring.ssl.bundle.pem.hub-rabbitmq.truststore.certificate", "${RABBITMQ_TLS_CA:}");
        defaults.put("spring.ssl.bundle.pem.hub-rabbitmq.keystore.certificate", "${RABBITMQ_TLS_CERT:}");
        defaults.put("spring.ssl.bundle.pem.hub-rabbitmq.keystore.private-key", "${RABBITMQ_TLS_KEY:}");
        defaults.put("spring.rabbitmq.publisher-confirm-type", "correlated");
        defaults.put("spring.rabbitmq.publisher-returns", "true");
        defaults.put("spring.rabbitmq.cache.channel.size", "64");
        defaults.put("spring.rabbitmq.cache.channel.checkout-timeout", "10s");
        defaults.put("spring.rabbitmq.listener.simple.default-requeue-rejected", "false");
        defaults.put("spring.rabbitmq.listener.simple.retry.enabled", "true");
        defaults.put("spring.rabbitmq.listener.simple.retry.max-retries", "2");
        defaults.put("spring.rabbitmq.listener.simple.retry.initial-interval", "500ms");
        defaults.put("spring.rabbitmq.listener.simple.retry.multiplier", "2");
        defaults.put("spring.rabbitmq.listener.simple.retry.max-interval", "5s");
        // Spring AMQP's observations: spring.rabbit.listener (every message processed, its time and outcome) and
        // spring.rabbit.template, as metrics and, where tracing is on, spans
        defaults.put("spring.rabbitmq.listener.simple.observation-enabled", "true");
        defaults.put("spring.rabbitmq.template.observation-enabled", "true");
        defaults.put("management.metrics.distribution.percentiles-histogram.spring.rabbit.listener", "true");
        // every request traced (the spans stay in the process unless an OTLP endpoint is set:
        // MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT); HUB_TRACING_SAMPLING to sample fewer
        defaults.put("management.tracing.sampling.probability", "${HUB_TRACING_SAMPLING:1.0}");
        defaults.put("management.metrics.tags.application", "${spring.application.name}");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.show-details", "always");
        defaults.put("management.info.java.enabled", "true");
        defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,rabbit,hubMessaging");
        return Map.copyOf(defaults);
    }
}
