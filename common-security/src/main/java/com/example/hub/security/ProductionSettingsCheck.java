package com.example.hub.security;

import java.util.List;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Refuses to start an application in production ({@code hub.production=true}) whose settings are defaults or
 * placeholders (see {@link ProductionSettings}). It runs once the environment is complete, after every {@code
 * EnvironmentPostProcessor} and before any bean is created, so nothing has connected anywhere with those settings.
 */
public final class ProductionSettingsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (!ProductionSettings.isProduction(event.getEnvironment())) {
            return;
        }
        List<String> problems = ProductionSettings.problems(event.getEnvironment());
        if (!problems.isEmpty()) {
            throw new InsecureSettingsException(problems);
        }
    }
}
