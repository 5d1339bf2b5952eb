package com.example.hub.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The settings that an application must not run with in production ({@code hub.production=true}, or {@code
 * HUB_PRODUCTION=true}): a plain API key shorter than {@value #MIN_KEY_LENGTH} characters or containing {@code
 * change-me}, the broker's {@code guest} user, a database password starting with {@code change-me}, and Creatio's
 * default password. Keys are never shown, only which setting holds them.
 */
final class ProductionSettings {

    static final String PRODUCTION = "hub.production";

    static final int MIN_KEY_LENGTH = 32;

    private static final String PLACEHOLDER = "change-me";

    private static final Map<String, String> KEY_VARIABLES = Map.of(
            "1c",
            "HUB_API_KEYS_1C",
            "reader",
            "HUB_API_KEYS_READER",
            "operator",
            "HUB_API_KEYS_OPERATOR",
            "metrics",
            "HUB_API_KEYS_METRICS");

    private ProductionSettings() {}

    /**
     * Whether the environment is a production one.
     *
     * @param environment the environment
     * @return the value of {@code hub.production}, {@code false} by default
     */
    static boolean isProduction(ConfigurableEnvironment environment) {
        return Binder.get(environment).bind(PRODUCTION, Boolean.class).orElse(false);
    }

    /**
     * What is wrong with an environment's settings for production.
     *
     * @param environment the environment, with every property source in place
     * @return one sentence per offending setting, naming it and what to do; empty when there is none
     */
    static List<String> problems(ConfigurableEnvironment environment) {
        List<String> problems = new ArrayList<>();
        Binder binder = Binder.get(environment);
        Map<String, ConfiguredKeys> clients = binder.bind(
                        "hub.security.clients", Bindable.mapOf(String.class, ConfiguredKeys.class))
                .orElse(Map.of());
        clients.forEach((name, client) -> {
            String setting = keySetting(name);
            for (int i = 0; i < client.keys().size(); i++) {
                String key = client.keys().get(i).strip();
                String which = "key " + (i + 1) + " of " + setting;
                if (key.toLowerCase(Locale.ROOT).contains(PLACEHOLDER)) {
                    problems.add(
                            which + " is a placeholder (contains '" + PLACEHOLDER + "'): set a random key of at least "
                                    + MIN_KEY_LENGTH + " characters, or its sha256: hash");
                } else if (!key.isEmpty() && !key.startsWith(ApiKeyHash.PREFIX) && key.length() < MIN_KEY_LENGTH) {
                    problems.add(which + " is shorter than " + MIN_KEY_LENGTH
                            + " characters: set a random key at least that long, or its sha256: hash");
                }
            }
        });
        // RabbitMQ's and Boot's default user is guest, which can use every queue of the broker
        if ("guest".equals(environment.getProperty("spring.rabbitmq.username", "guest"))) {
            problems.add("spring.rabbitmq.username (RABBITMQ_USERNAME) is the broker's default user 'guest':"
                    + " set the application's own user");
        }
        if ("guest".equals(environment.getProperty("spring.rabbitmq.password", "guest"))) {
            problems.add("spring.rabbitmq.password (RABBITMQ_PASSWORD) is the default 'guest':"
                    + " set the password of the application's own user");
        }
        String datasourcePassword = environment.getProperty("spring.datasource.password");
        if (datasourcePassword != null && datasourcePassword.startsWith(PLACEHOLDER)) {
            problems.add("spring.datasource.password (SPRING_DATASOURCE_PASSWORD) is a placeholder (starts with '"
                    + PLACEHOLDER + "'): set the database user's password");
        }
        String creatioPassword = environment.getProperty("creatio.password");
        if (creatioPassword != null
                && (creatioPassword.equals("Supervisor") || creatioPassword.startsWith(PLACEHOLDER))) {
            problems.add("creatio.password (CREATIO_PASSWORD) is Creatio's default or a placeholder:"
                    + " set the password of the Creatio user the hub signs in as");
        }
        return List.copyOf(problems);
    }

    private static String keySetting(String client) {
        String variable = KEY_VARIABLES.get(client);
        String property = "hub.security.clients." + client + ".keys";
        return variable != null ? property + " (" + variable + ")" : property;
    }

    /**
     * A client's keys as configured, before they are hashed.
     *
     * @param keys the keys
     */
    record ConfiguredKeys(@DefaultValue List<String> keys) {}
}
