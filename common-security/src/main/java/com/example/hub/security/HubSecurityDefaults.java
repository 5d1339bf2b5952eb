package com.example.hub.security;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The client every application of the hub has beside its own ({@code 1c}, {@code reader}, {@code operator}): {@code
 * metrics}, with the role {@link HubRoles#METRICS} and the keys of {@code HUB_API_KEYS_METRICS}, for a Prometheus
 * server. Default properties: an application's own configuration or the environment overrides them.
 */
public final class HubSecurityDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.of(
            "hub.security.clients.metrics.roles",
            HubRoles.METRICS,
            "hub.security.clients.metrics.keys",
            "${HUB_API_KEYS_METRICS:}");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(DEFAULTS, environment.getPropertySources());
    }
}
