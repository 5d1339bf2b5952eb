package com.example.hub.messaging.envelope;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.amqp.core.Message;

/**
 * The identity of a received message, by which a consumer recognises a redelivery or a replay: the envelope's
 * {@code message_id}, else the AMQP message id, else a hash of the body, so that even a message without any id is
 * recognised when it comes again.
 */
public final class MessageIdentity {

    private MessageIdentity() {}

    /**
     * The identity of a received envelope.
     *
     * @param envelope the envelope as read from the message
     * @param message the message as received
     * @return its message id, or {@code sha256:} and the hex digest of its body
     */
    public static String of(MessageEnvelope envelope, Message message) {
        if (envelope.messageId() != null && !envelope.messageId().isBlank()) {
            return envelope.messageId();
        }
        String amqpMessageId = message.getMessageProperties().getMessageId();
        if (amqpMessageId != null && !amqpMessageId.isBlank()) {
            return amqpMessageId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(message.getBody());
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }
}
