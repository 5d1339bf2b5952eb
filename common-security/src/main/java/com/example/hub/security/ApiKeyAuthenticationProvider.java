package com.example.hub.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Authenticates an {@link ApiKeyAuthenticationToken} as the configured client whose key it carries. */
public final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ApiKeys keys;

    /**
     * A provider of the configured clients.
     *
     * @param properties the clients and their keys
     */
    public ApiKeyAuthenticationProvider(HubSecurityProperties properties) {
        this.keys = ApiKeys.of(properties);
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
