package com.example.hub.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpIOException;

/**
 * The refusals of the broker that its tests cannot easily provoke: {@code ACCESS_REFUSED} on a resource needs a user
 * without permissions; the broker's own failures are covered against the real broker by
 * {@link OdooProducerFailureTests}.
 */
class BrokerRefusalTests {

    private static final String ACCESS_REFUSED =
            "ACCESS_REFUSED - access to exchange 'odoo_events_exchange' in vhost 'odoo' refused for user 'odoo'";

    @Test
    void aChannelTheBrokerClosedWithAnErrorIsARefusalOfTheRequest() {
        ShutdownSignalException closed = new ShutdownSignalException(
                false,
                false,
                new AMQP.Channel.Close.Builder()
                        .replyCode(AMQP.ACCESS_REFUSED)
                        .replyText(ACCESS_REFUSED)
                        .classId(40)
                        .methodId(10)
                        .build(),
                null);

        BrokerRefusal refusal = BrokerRefusal.of(new AmqpIOException(new IOException(closed)));

        assertThat(refusal).isEqualTo(new BrokerRefusal(BrokerRefusal.Refused.REQUEST, ACCESS_REFUSED));
        assertThat(refusal.what("odoo")).isEqualTo("the producer's request");
        assertThat(refusal.sentence()).isEqualTo(ACCESS_REFUSED + ".");
    }

    @Test
    void aNegativeConfirmKeepingOnlyTheClosingsMessageIsARefusal() {
        IllegalStateException nack = new IllegalStateException(
                "channel error; protocol method: " + "#method<channel.close>(reply-code=403, reply-text="
                        + ACCESS_REFUSED + ", class-id=60, method-id=40)");

        assertThat(BrokerRefusal.of(nack)).isEqualTo(new BrokerRefusal(BrokerRefusal.Refused.REQUEST, ACCESS_REFUSED));
    }

    @Test
    void aConnectionClosedByTheApplicationOrNeverMadeIsNoRefusal() {
        ShutdownSignalException closedHere = new ShutdownSignalException(
                true,
                true,
                new AMQP.Connection.Close.Builder()
                        .replyCode(AMQP.REPLY_SUCCESS)
                        .replyText("OK")
                        .build(),
                null);

        assertThat(BrokerRefusal.of(closedHere)).isNull();
        assertThat(BrokerRefusal.of(new AmqpIOException(new ConnectException("Connection refused"))))
                .isNull();
    }
}
