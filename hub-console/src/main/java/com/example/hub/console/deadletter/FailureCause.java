package com.example.hub.console.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The cause of a failure, by which dead letters are grouped: its failure kind, its exception class and the template of
 * its reason, which is the reason with its numbers and ids replaced ({@code Creatio answered 503 for order ORD9876}
 * becomes {@code Creatio answered <n> for order <id>}), so that the same failure of different messages falls into one
 * group.
 *
 * @param failureKind {@code permanent}, {@code retries-exhausted}, or how the broker dead-lettered the message
 * @param exceptionClass the class of the listener's exception, empty when the broker dead-lettered the message
 * @param template the reason's template
 */
record FailureCause(String failureKind, String exceptionClass, String template) {

    static final int MAX_TEMPLATE_LENGTH = 500;

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A word with a digit in it: a number, or an id such as ORD9876, REQ-17 or 2026-11-29T10:00:00Z. */
    private static final Pattern WORD_WITH_DIGIT = Pattern.compile("[\\p{L}\\p{N}_.:+-]*\\p{N}[\\p{L}\\p{N}_.:+-]*");

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\p{N}+([.,]\\p{N}+)?");

    /**
     * The cause of a dead letter.
     *
     * @param failureKind the failure kind
     * @param exceptionClass the exception class, if any
     * @param reason the reason, if any
     * @return the cause
     */
    static FailureCause of(String failureKind, @Nullable String exceptionClass, @Nullable String reason) {
        return new FailureCause(failureKind, exceptionClass != null ? exceptionClass : "", template(reason));
    }

    /**
     * The group's key: the SHA-256 (hex) of the kind, the class and the template.
     *
     * @return 64 lowercase hex digits
     */
    String groupKey() {
        return sha256(this.failureKind + "\n" + this.exceptionClass + "\n" + this.template);
    }

    static String template(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            return "";
        }
        String withoutUuids = UUID.matcher(reason.strip()).replaceAll("<id>");
        Matcher words = WORD_WITH_DIGIT.matcher(withoutUuids);
        StringBuilder template = new StringBuilder();
        while (words.find()) {
            String word = words.group();
            words.appendReplacement(template, NUMBER.matcher(word).matches() ? "<n>" : "<id>");
        }
        words.appendTail(template);
        String result = template.toString();
        return result.length() <= MAX_TEMPLATE_LENGTH ? result : result.substring(0, MAX_TEMPLATE_LENGTH);
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
        }
    }
}
