package com.example.hub.security;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Authenticates an {@link ApiKeyAuthenticationToken} as the configured client whose key it carries. */
public final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private static final Logger logger = LoggerFactory.getLogger(ApiKeyAuthenticationProvider.class);

    private final ApiKeys keys;

    /**
     * A provider of the configured clients.
     *
     * @param properties the clients and their keys
     */
    public ApiKeyAuthenticationProvider(HubSecurityProperties properties) {
        this.keys = ApiKeys.of(properties);
        // the clients and how many keys each has; never a key or its hash
        String clients = properties.clients().entrySet().stream()
                .map(client -> client.getKey() + " " + client.getValue().roles() + " with "
                        + client.getValue().keys().size() + " key(s)")
                .sorted()
                .collect(Collectors.joining(", "));
        if (this.keys.size() == 0) {
            logger.warn(
                    "No API key is configured (hub.security.clients: {}): every endpoint but the liveness and"
                            + " readiness probes answers 401; set HUB_API_KEYS_1C, HUB_API_KEYS_READER,"
                            + " HUB_API_KEYS_OPERATOR or HUB_API_KEYS_METRICS",
                    clients.isEmpty() ? "none" : clients);
        } else {
            logger.info("API key clients: {}", clients);
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object credentials = authentication.getCredentials();
        if (!(credentials instanceof String key) || key.isEmpty()) {
            throw new BadCredentialsException("No valid API key");
        }
        return this.keys
                .find(key)
                .map(entry -> ApiKeyAuthenticationToken.authenticated(entry.client(), entry.authorities()))
                .orElseThrow(() -> new BadCredentialsException("No valid API key"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
