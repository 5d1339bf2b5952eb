package com.example.hub.security;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A request's API key before it is checked, and the client it belongs to after. Its name ({@link #getName()}) is the
 * client's name, such as {@code 1c}; the key itself is never part of its text.
 */
public final class ApiKeyAuthenticationToken extends AbstractAuthenticationToken {

    private final @Nullable String client;

    private @Nullable String key;

    private ApiKeyAuthenticationToken(
            @Nullable String client, @Nullable String key, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.client = client;
        this.key = key;
        super.setAuthenticated(client != null);
    }

    /**
     * A key as presented, not checked yet.
     *
     * @param key the key
     * @return the token to authenticate
     */
    static ApiKeyAuthenticationToken unauthenticated(String key) {
        return new ApiKeyAuthenticationToken(null, key, List.of());
    }

    /**
     * The client a key belongs to.
     *
     * @param client the client's name
     * @param authorities the client's authorities
     * @return the authenticated token, without the key
     */
    static ApiKeyAuthenticationToken authenticated(String client, Collection<? extends GrantedAuthority> authorities) {
        return new ApiKeyAuthenticationToken(client, null, authorities);
    }

    /** The client's name once authenticated, else a placeholder that is not the key. */
    @Override
    public Object getPrincipal() {
        return this.client != null ? this.client : "unauthenticated API key";
    }

    /** The presented key before authentication; {@code null} afterwards. */
    @Override
    public @Nullable Object getCredentials() {
        return this.key;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("Only the API key provider authenticates a token");
        }
        super.setAuthenticated(false);
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        this.key = null;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
