package com.example.hub.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * Generates messages from a seeded {@link Random} that no listener of the hub can process, whatever its queue: not
 * JSON, not an object, nested or numbered beyond the JSON limits, without the fields every message needs, with
 * fields of the wrong type, larger than {@code hub.messaging.max-message-size}, or with headers larger than
 * {@code hub.messaging.max-headers-size}; each with generated headers of its own and its message id.
 */
public final class BadMessages {

    private final Random random;

    /**
     * A generator.
     *
     * @param random the source of every choice: seeded, the same messages each run
     */
    public BadMessages(Random random) {
        this.random = random;
    }

    /**
     * A bad message.
     *
     * @param messageId its message id, to find it again
     * @return the message and what is wrong with it
     */
    public Bad next(String messageId) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        int headers = this.random.nextInt(8);
        for (int i = 0; i < headers; i++) {
            properties.setHeader("x-fuzz-" + i, headerValue());
        }
        int kind = this.random.nextInt(100);
        String what;
        byte[] body;
        if (kind < 15) {
            what = "random bytes";
            body = new byte[1 + this.random.nextInt(500)];
            this.random.nextBytes(body);
            body[0] = '{';
        } else if (kind < 25) {
            what = "not an object";
            body = utf8(pick("[]", "null", "\"text\"", "42", "true", "[{}]"));
        } else if (kind < 35) {
            what = "truncated JSON";
            String whole = "{\"request_id\": \"R-1\", \"source_system\": \"DMS\", \"payload\": {\"a\": 1}}";
            body = utf8(whole.substring(0, 1 + this.random.nextInt(whole.length() - 2)));
        } else if (kind < 45) {
            what = "nested too deeply";
            int depth = 40 + this.random.nextInt(500);
            body = utf8("{\"payload\": " + "[".repeat(depth) + "]".repeat(depth) + "}");
        } else if (kind < 55) {
            what = "number too long";
            body = utf8("{\"payload\": {\"n\": " + "9".repeat(101 + this.random.nextInt(5_000)) + "}}");
        } else if (kind < 70) {
            what = "no required field";
            body = utf8(pick("{}", "{\"payload\": {}}", "{\"unknown\": 1}", "{\"request_id\": null}"));
        } else if (kind < 85) {
            what = "fields of the wrong type";
            body = utf8("{\"message_id\": " + pick("[]", "{}", "1") + ", \"request_id\": " + pick("[1]", "{}", "true")
                    + ", \"source_system\": " + pick("[]", "{\"a\": 1}") + ", \"timestamp\": "
                    + pick("\"yesterday\"", "[]")
                    + ", \"payload\": " + pick("[]", "\"x\"", "1") + "}");
        } else if (kind < 88) {
            what = "body too large";
            body = utf8("{\"payload\": {\"a\": \"" + "x".repeat(1_100_000 + this.random.nextInt(100_000)) + "\"}}");
        } else if (kind < 95) {
            what = "headers too large";
            properties.setHeader("x-fuzz-large", "h".repeat(20_000 + this.random.nextInt(60_000)));
            body = utf8("{}");
        } else {
            what = "not JSON at all";
            body = utf8(pick("<xml/>", "", " ", "\u0000", "key=value"));
        }
        return new Bad(new Message(body, properties), what);
    }

    private String headerValue() {
        return switch (this.random.nextInt(5)) {
            case 0 -> String.valueOf(this.random.nextLong());
            case 1 -> "Ж".repeat(this.random.nextInt(50));
            case 2 -> "";
            default -> Long.toHexString(this.random.nextLong());
        };
    }

    private String pick(String... values) {
        return values[this.random.nextInt(values.length)];
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A bad message.
     *
     * @param message the message
     * @param what what is wrong with it
     */
    public record Bad(Message message, String what) {}
}
