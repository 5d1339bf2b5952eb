package com.example.hub.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clients of an application's HTTP endpoints, under {@code hub.security}. Each application predefines {@code 1c},
 * {@code reader} and {@code operator} (keys from {@code HUB_API_KEYS_1C}, {@code HUB_API_KEYS_READER} and {@code
 * HUB_API_KEYS_OPERATOR}), and every one has {@code metrics} ({@link HubSecurityDefaults}, keys from {@code
 * HUB_API_KEYS_METRICS}); more are added by properties, {@code hub.security.clients.<name>.roles} and {@code
 * hub.security.clients.<name>.keys}.
 *
 * @param clients the clients by name; the name is what the application records as the caller
 */
@ConfigurationProperties("hub.security")
public record HubSecurityProperties(@DefaultValue Map<String, Client> clients) {

    public HubSecurityProperties {
        clients = Map.copyOf(new LinkedHashMap<>(clients));
    }

    /**
     * A client and its keys. Plain keys are replaced by their hash when bound: only hashes are kept.
     *
     * @param roles the client's roles, such as {@code SEND} and {@code READ} (see {@link HubRoles}), upper-cased
     * @param keys the client's API keys, each a plain key or {@code sha256:<64 lowercase hex digits>} (the SHA-256 of
     *     the key's UTF-8 bytes); several may be valid at once, to change a key without a gap; every one in its {@code
     *     sha256:} form once bound
     */
    public record Client(
            @DefaultValue List<String> roles, @DefaultValue List<String> keys) {

        public Client {
            roles = roles.stream()
                    .map(String::strip)
                    .filter(role -> !role.isEmpty())
                    .map(role -> role.toUpperCase(Locale.ROOT))
                    .toList();
            keys = keys.stream()
                    .map(String::strip)
                    .filter(key -> !key.isEmpty())
                    .map(ApiKeyHash::of)
                    .map(ApiKeyHash::toString)
                    .toList();
        }
    }
}
