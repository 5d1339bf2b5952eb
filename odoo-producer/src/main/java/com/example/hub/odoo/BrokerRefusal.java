package com.example.hub.odoo;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.ShutdownSignalException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The broker said no: it refused the login ({@code ACCESS_REFUSED}), or closed the connection or a channel with an
 * error such as {@code ACCESS_REFUSED} on a resource, {@code NOT_FOUND}, {@code PRECONDITION_FAILED} or
 * {@code NOT_ALLOWED} (no such virtual host). Unlike a broker that cannot be reached, trying again will not help until
 * the cause is mended.
 *
 * @param refused what the broker refused
 * @param replyText the broker's words, which begin with the name of the error (e.g. {@code NOT_FOUND - no exchange
 *     'odoo_events_exchange' in vhost '/'})
 */
record BrokerRefusal(Refused refused, String replyText) {

    /** The broker's close reason as the Java client words it in a message, where only the message is left. */
    private static final Pattern CLOSE_IN_MESSAGE =
            Pattern.compile("#method<(connection|channel)\\.close>\\(reply-code=(\\d+), reply-text=(.*?), class-id=");

    /** Reply codes from 400 on are errors (403 ACCESS_REFUSED, 404 NOT_FOUND, 406 PRECONDITION_FAILED, 530...). */
    private static final int FIRST_ERROR_CODE = 400;

    /**
     * The refusal among the causes of a failure.
     *
     * @param failure the failure
     * @return the broker's refusal, or {@code null} when the failure is not one (e.g. the broker cannot be reached)
     */
    static @Nullable BrokerRefusal of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            BrokerRefusal refusal = refusal(cause);
            if (refusal != null) {
                return refusal;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static @Nullable BrokerRefusal refusal(Throwable cause) {
        if (cause instanceof AuthenticationFailureException) {
            return new BrokerRefusal(Refused.LOGIN, cause.getMessage());
        }
        if (cause instanceof ShutdownSignalException shutdown && !shutdown.isInitiatedByApplication()) {
            Method reason = shutdown.getReason();
            if (reason instanceof AMQP.Connection.Close close && close.getReplyCode() >= FIRST_ERROR_CODE) {
                return new BrokerRefusal(Refused.CONNECTION, close.getReplyText());
            }
            if (reason instanceof AMQP.Channel.Close close && close.getReplyCode() >= FIRST_ERROR_CODE) {
                return new BrokerRefusal(Refused.REQUEST, close.getReplyText());
            }
        }
        // a negative confirm keeps only the message of the channel's closing
        Matcher close = CLOSE_IN_MESSAGE.matcher(String.valueOf(cause.getMessage()));
        if (close.find() && Integer.parseInt(close.group(2)) >= FIRST_ERROR_CODE) {
            return new BrokerRefusal(
                    "connection".equals(close.group(1)) ? Refused.CONNECTION : Refused.REQUEST, close.group(3));
        }
        return null;
    }

    /**
     * The broker's words as a sentence, ending with one full stop.
     *
     * @return the reply text
     */
    String sentence() {
        return this.replyText.endsWith(".") ? this.replyText : this.replyText + ".";
    }

    /**
     * What the broker refused, for a person.
     *
     * @param username the user the producer logs in as
     * @return e.g. {@code the login as 'guest'}
     */
    String what(String username) {
        return switch (this.refused) {
            case LOGIN -> "the login as '" + username + "'";
            case CONNECTION -> "the connection";
            case REQUEST -> "the producer's request";
        };
    }

    /** What the broker refused. */
    enum Refused {
        /** The login: wrong user name or password. */
        LOGIN,
        /** The connection, after the login: e.g. no such virtual host, or no access to it. */
        CONNECTION,
        /** A request on a channel: declaring the topology or publishing. */
        REQUEST
    }
}
