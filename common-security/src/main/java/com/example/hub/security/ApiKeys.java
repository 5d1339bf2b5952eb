package com.example.hub.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The hashes of every configured key with the client each belongs to. A presented key is hashed and compared with
 * every known hash in constant time ({@link java.security.MessageDigest#isEqual}); nothing is returned that tells a
 * missing key from an unknown one.
 */
final class ApiKeys {

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * The keys of the configured clients.
     *
     * @param properties the clients
     * @return the keys
     * @throws IllegalArgumentException when one key is configured for two clients
     */
    static ApiKeys of(HubSecurityProperties properties) {
        List<Entry> entries = new ArrayList<>();
        Map<ApiKeyHash, String> owners = new HashMap<>();
        properties.clients().forEach((name, client) -> {
            List<GrantedAuthority> authorities = AuthorityUtils.createAuthorityList(
                    client.roles().stream().map(role -> "ROLE_" + role).toList());
            for (String key : client.keys()) {
                ApiKeyHash hash = ApiKeyHash.of(key);
                String owner = owners.putIfAbsent(hash, name);
                if (owner != null && !owner.equals(name)) {
                    throw new IllegalArgumentException("hub.security.clients." + owner
                            + ".keys and hub.security.clients." + name + ".keys share a key: give each client its own");
                }
                entries.add(new Entry(name, hash, authorities));
            }
        });
        return new ApiKeys(entries);
    }

    /**
     * The client whose key this is.
     *
     * @param key the presented key
     * @return the client, or empty for a key that no client has
     */
    Optional<Entry> find(String key) {
        ApiKeyHash presented = ApiKeyHash.ofPlain(key);
        @Nullable Entry found = null;
        for (Entry entry : this.entries) {
            // every entry is compared, so that the time taken does not say which one matched
            if (entry.hash().matches(presented)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    /** How many keys are configured. */
    int size() {
        return this.entries.size();
    }

    /**
     * A configured key.
     *
     * @param client the client's name
     * @param hash the key's hash
     * @param authorities the client's authorities
     */
    record Entry(String client, ApiKeyHash hash, List<GrantedAuthority> authorities) {}
}
