package com.example.hub.creatio.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** The live sessions, by {@code .ASPXAUTH} value. Thread-safe. */
@Component
public class Sessions {

    private static final char[] LOADER_ALPHABET = "abcdefghijklmnopqrstuvwxyz012345".toCharArray();

    private final ConcurrentMap<String, Session> byAuthToken = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    public Session create(String userName) {
        Session session = new Session(
                HexFormat.of().withUpperCase().formatHex(randomBytes(64)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(16)),
                loaderId(),
                userName);
        byAuthToken.put(session.authToken(), session);
        created.incrementAndGet();
        return session;
    }

    public Optional<Session> find(String authToken) {
        return Optional.ofNullable(byAuthToken.get(authToken));
    }

    /** Ends every session, as a Creatio restart or a session timeout does; returns how many were ended. */
    public int expireAll() {
        int expired = 0;
        for (String authToken : byAuthToken.keySet()) {
            if (byAuthToken.remove(authToken) != null) {
                expired++;
            }
        }
        return expired;
    }

    public int active() {
        return byAuthToken.size();
    }

    /** Sessions created since start or the last {@link #reset()}, i.e. successful logins. */
    public long created() {
        return created.get();
    }

    public void reset() {
        byAuthToken.clear();
        created.set(0);
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private String loaderId() {
        char[] id = new char[24];
        for (int i = 0; i < id.length; i++) {
            id[i] = LOADER_ALPHABET[random.nextInt(LOADER_ALPHABET.length)];
        }
        return new String(id);
    }
}
