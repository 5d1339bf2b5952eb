package com.example.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stack's settings as the local runner sees them: .env, else .env.example, each overridden by the environment. */
final class Settings {

    private static final Pattern LINE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$");

    private Settings() {}

    static Map<String, String> effective(Path root) {
        Path file = Files.exists(root.resolve(".env")) ? root.resolve(".env") : root.resolve(".env.example");
        Map<String, String> settings = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.matches()) {
                    String key = matcher.group(1);
                    String fromEnvironment = System.getenv(key);
                    settings.put(key, fromEnvironment != null ? fromEnvironment : matcher.group(2));
                }
            }
        } catch (IOException ex) {
            // no settings file: the apps' defaults apply
        }
        // settings given only in the environment
        System.getenv().forEach((key, value) -> {
            if (key.matches("(ONEC|DMS|CRM|SOINDI)_.*|SPRING_RABBITMQ_.*|JAVA_OPTS|STACK_ARCHIVES")) {
                settings.put(key, value);
            }
        });
        settings.remove("RABBITMQ_PASSWORD");
        settings.remove("CREATIO_PASSWORD");
        return settings;
    }
}
