package com.example.hub.security;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Lists each setting that keeps an application from starting in production, and what to do about it. */
final class InsecureSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InsecureSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InsecureSettingsException cause) {
        String settings =
                cause.problems().stream().map(problem -> "  - " + problem).collect(Collectors.joining("\n"));
        return new FailureAnalysis(
                "The application runs in production (hub.production=true, HUB_PRODUCTION) but these settings are"
                        + " defaults or placeholders:\n" + settings,
                "Change each setting listed above (in .env or the environment), or leave production mode for a"
                        + " local trial by unsetting HUB_PRODUCTION.",
                cause);
    }
}
