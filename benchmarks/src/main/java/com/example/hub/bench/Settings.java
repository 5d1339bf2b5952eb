package com.example.hub.bench;

import com.example.hub.testsupport.DotEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stack's settings as the local runner sees them: .env, else .env.example, read as compose reads it (DotEnv), each
 * overridden by the environment.
 */
final class Settings {

    private Settings() {}

    static Map<String, String> effective(Path root) {
        Path file = Files.exists(root.resolve(".env")) ? root.resolve(".env") : root.resolve(".env.example");
        Map<String, String> settings = new TreeMap<>();
        if (Files.exists(file)) { // else the apps' defaults apply
            DotEnv.read(file)
                    .forEach((key, value) -> settings.put(key, System.getenv().getOrDefault(key, value)));
        }
        // settings given only in the environment
        System.getenv().forEach((key, value) -> {
            if (key.matches("(ONEC|DMS|CRM|SOINDI)_.*|SPRING_RABBITMQ_.*|JAVA_OPTS|STACK_ARCHIVES")) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    /** The effective settings without secrets (passwords, API keys, the Erlang cookie), for the report. */
    static Map<String, String> reported(Path root) {
        Map<String, String> settings = effective(root);
        settings.keySet().removeIf(key -> key.matches(".*(PASSWORD|API_KEY|ERLANG_COOKIE).*"));
        return settings;
    }
}
