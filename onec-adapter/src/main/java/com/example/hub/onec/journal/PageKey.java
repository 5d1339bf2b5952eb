package com.example.hub.onec.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of a listing ends, newest first: the time and the key (request id or message id) of its last entry.
 * The next page starts after it, so that entries recorded meanwhile neither shift nor repeat the pages that follow.
 * Shown to clients as an opaque cursor.
 *
 * @param at the time of the last entry
 * @param key its key, which orders entries of the same time
 */
record PageKey(Instant at, String key) {

    private static final char SEPARATOR = ':';

    /**
     * Reads a cursor.
     *
     * @param cursor a cursor made by {@link #cursor()}
     * @return the page key
     * @throws IllegalArgumentException when it is not such a cursor
     */
    static PageKey of(String cursor) {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int separator = text.indexOf(SEPARATOR);
        if (separator < 1 || separator == text.length() - 1) {
            throw new IllegalArgumentException("not a cursor: " + cursor);
        }
        return new PageKey(
                Instant.ofEpochMilli(Long.parseLong(text.substring(0, separator))), text.substring(separator + 1));
    }

    /**
     * This page key as a cursor, safe in a URL's query.
     *
     * @return the cursor
     */
    String cursor() {
        String text = this.at.toEpochMilli() + String.valueOf(SEPARATOR) + this.key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
