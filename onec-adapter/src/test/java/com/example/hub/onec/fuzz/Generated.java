package com.example.hub.onec.fuzz;

import com.example.hub.testsupport.security.TestApiKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the parts of requests to the adapter from a seeded {@link Random}: bodies that are JSON, nearly JSON or
 * not at all, content types, header names and values, request targets. The same seed gives the same requests.
 */
final class Generated {

    private static final String[] FIELDS = {
        "request_id",
        "user_id",
        "name",
        "email",
        "order_id",
        "status",
        "new_status",
        "needs_policy_info",
        "policy_number"
    };

    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/json;charset=UTF-8",
        "application/json; charset=ISO-8859-1",
        "application/json; charset=bogus",
        "application/problem+json",
        "application/vnd.api+json",
        "text/plain",
        "text/html",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "application/octet-stream",
        "*/*",
        "application/*",
        "json",
        ";;;",
        "application/json; charset=\"utf-8\"; q=0.5",
    };

    private static final String[] ACCEPTS = {
        "*/*",
        "application/json",
        "application/problem+json",
        "text/html",
        "application/xml",
        "image/png",
        "x/y",
        "application/json;q=0",
        "text/*, */*;q=0.1",
    };

    private static final String[] ODD_TARGET_PARTS = {
        "%2F",
        "%2f",
        "%00",
        "%5C",
        "%5c",
        "%",
        "%z",
        "%zz",
        "%C0%AF",
        "%E0%80%AF",
        "%FF",
        "<",
        ">",
        "{",
        "}",
        "|",
        "^",
        "`",
        "\"",
        "\\",
        "..",
        "/./",
        "//",
        ";",
        ";jsessionid=1",
        "?",
        "#",
        "&",
        "=",
        "~",
        "@",
        ":",
        "[",
        "]",
        "%3C",
        "%7B",
        "+",
        "*",
        "$",
        "'",
        "!",
        "é",
        "Ж",
        "\u0000",
        "\u007f",
        "%20",
        "%0A",
        "%0D"
    };

    private static final String[] PATHS = {
        "/send_to_dms", "/send_to_crm", "/requests", "/requests/", "/responses/unmatched", "/actuator/health",
        "/actuator/health/liveness", "/", "/error", "/send_to_dms/", "/SEND_TO_DMS", "/send_to_dms.json",
        "/send_to_crm;x=1", "/requests/REQ-1"
    };

    private static final String[] METHODS = {
        "GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "BREW", "get", "PO ST",
        "POST\t"
    };

    private final Random random;

    Generated(Random random) {
        this.random = random;
    }

    int nextInt(int bound) {
        return this.random.nextInt(bound);
    }

    boolean chance(int percent) {
        return this.random.nextInt(100) < percent;
    }

    <T> T pick(T[] values) {
        return values[this.random.nextInt(values.length)];
    }

    /**
     * The API key to send: 1C's mostly, sometimes a wrong one or none.
     *
     * @return the key, or {@code null} for none
     */
    String apiKey() {
        int kind = nextInt(100);
        if (kind < 85) {
            return TestApiKeys.ONEC_KEY;
        }
        if (kind < 92) {
            return kind % 2 == 0 ? token(1 + nextInt(64)) : TestApiKeys.ONEC_KEY + "x";
        }
        return null;
    }

    String path() {
        return pick(PATHS);
    }

    String method() {
        return pick(METHODS);
    }

    String contentType() {
        return chance(50) ? "application/json" : pick(CONTENT_TYPES);
    }

    String accept() {
        return pick(ACCEPTS);
    }

    /** A request target of a known path with odd characters, encodings and lengths mixed in. */
    String oddTarget() {
        StringBuilder target = new StringBuilder(chance(90) ? path() : "");
        int parts = 1 + nextInt(6);
        for (int i = 0; i < parts; i++) {
            target.append(chance(70) ? pick(ODD_TARGET_PARTS) : token(1 + nextInt(12)));
        }
        if (chance(30)) {
            target.append('?').append(pick(new String[] {"limit", "after", "state", "x", ""}));
            target.append('=').append(chance(50) ? pick(ODD_TARGET_PARTS) : String.valueOf(this.random.nextLong()));
        }
        if (chance(5)) {
            target.append("a".repeat(8_000 + nextInt(4_000)));
        }
        return target.toString();
    }

    /** A valid query string of the journal, or one with values of the wrong kind. */
    String journalQuery() {
        List<String> parameters = new ArrayList<>();
        if (chance(60)) {
            parameters.add(
                    "limit=" + pick(new String[] {"1", "0", "-1", "1000", "1001", "x", "1e3", "99999999999", ""}));
        }
        if (chance(40)) {
            parameters.add("state=" + pick(new String[] {"ACCEPTED", "COMPLETED", "FAILED", "nope", "", "%25"}));
        }
        if (chance(30)) {
            parameters.add("after=" + token(1 + nextInt(40)));
        }
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    /** A header name: a token, sometimes long. */
    String headerName() {
        return "X-" + token(1 + (chance(5) ? 500 : nextInt(20)));
    }

    /** A header value of visible ASCII, sometimes long. */
    String headerValue() {
        int length = chance(3) ? 4_000 + nextInt(6_000) : nextInt(60);
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append((char) (0x21 + nextInt(0x7e - 0x21)));
        }
        return value.toString();
    }

    /** A body for {@code /send_to_dms} or {@code /send_to_crm}: valid, mutated, or not JSON at all. */
    byte[] body() {
        int kind = nextInt(100);
        if (kind < 15) {
            return utf8(validDms(token(8)));
        }
        if (kind < 25) {
            return utf8(validCrm(token(8)));
        }
        if (kind < 55) {
            return utf8(mutatedObject());
        }
        if (kind < 62) {
            return utf8("[".repeat(1 + nextInt(300)) + "]".repeat(nextInt(300)));
        }
        if (kind < 68) {
            return utf8("{\"user_id\": " + "1".repeat(1 + nextInt(3_000)) + "}");
        }
        if (kind < 74) {
            byte[] bytes = new byte[nextInt(2_000)];
            this.random.nextBytes(bytes);
            return bytes;
        }
        if (kind < 80) {
            String valid = validDms(token(8));
            return utf8(valid.substring(0, nextInt(valid.length())));
        }
        if (kind < 85) {
            return utf8(pick(
                    new String[] {"", "null", "[]", "{}", "\"text\"", "123", "true", "{\"a\":}", "{,}", "\u0000"}));
        }
        if (kind < 90) {
            StringBuilder many = new StringBuilder("{");
            int fields = 100 + nextInt(3_000);
            for (int i = 0; i < fields; i++) {
                many.append(i == 0 ? "" : ",")
                        .append('"')
                        .append("f")
                        .append(i)
                        .append("\":")
                        .append(i);
            }
            return utf8(many.append('}').toString());
        }
        if (kind < 95) {
            // larger than onec.max-request-size (64 KB) or near it
            return utf8("{\"name\": \"" + "x".repeat(60_000 + nextInt(80_000)) + "\"}");
        }
        return utf8(
                "{\"email\": \"\\ud800\", \"name\": \"\\u0000\", \"user_id\": \"" + unicode(1 + nextInt(100)) + "\"}");
    }

    String validDms(String requestId) {
        return "{\"request_id\": \"" + requestId + "\", \"user_id\": \"U" + nextInt(100_000)
                + "\", \"name\": \"Иванов Иван\", \"email\": \"ivanov@example.com\"}";
    }

    String validCrm(String requestId) {
        return "{\"request_id\": \"" + requestId + "\", \"order_id\": \"ORD" + nextInt(100_000)
                + "\", \"status\": \"Shipped\", \"needs_policy_info\": " + this.random.nextBoolean() + "}";
    }

    private String mutatedObject() {
        StringBuilder object = new StringBuilder("{");
        int fields = nextInt(FIELDS.length + 2);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                object.append(',');
            }
            String name = chance(85) ? pick(FIELDS) : unicode(1 + nextInt(10));
            object.append(quoted(name)).append(':').append(value(3));
        }
        return object.append('}').toString();
    }

    private String value(int depth) {
        int kind = nextInt(depth > 0 ? 12 : 9);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> String.valueOf(this.random.nextBoolean());
            case 2 -> String.valueOf(this.random.nextLong());
            case 3 -> String.valueOf(this.random.nextDouble() * Math.pow(10, nextInt(400) - 200));
            case 4 -> quoted("x".repeat(nextInt(300)));
            case 5 -> quoted(unicode(nextInt(40)));
            case 6 ->
                quoted(pick(new String[] {"", " ", "a@b.c", "@", "a@", "REQ-1", ".", "..", "U1", "x".repeat(65)}));
            case 7 -> quoted(token(1 + nextInt(70)));
            case 8 -> "\"" + "\\u00" + "0" + nextInt(10) + "\"";
            case 9 -> "[" + value(depth - 1) + "," + value(depth - 1) + "]";
            case 10 -> "{" + quoted(token(3)) + ":" + value(depth - 1) + "}";
            default -> "1" + "0".repeat(nextInt(200));
        };
    }

    /** Letters, digits and {@code ._~-}: a valid request id when short enough. */
    String token(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-";
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(nextInt(alphabet.length())));
        }
        return token.toString();
    }

    private String unicode(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int codePoint = chance(10) ? 0x1F600 + nextInt(80) : 0x20 + nextInt(0x3000);
            if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                codePoint = 'x';
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
