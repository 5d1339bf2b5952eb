package com.example.hub.odoo;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.ChannelListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The broker's refusals that closed a channel of the producer, such as {@code NOT_FOUND} for an exchange that does not
 * exist. A publish on that channel may fail only with "channel closed", without the refusal among its causes, when the
 * channel closes before its confirm: the report then names the refusal from here.
 */
@Component
class ChannelRefusals implements ChannelListener {

    private final List<BrokerRefusal> refusals = new CopyOnWriteArrayList<>();

    ChannelRefusals(ConnectionFactory connectionFactory) {
        if (connectionFactory instanceof AbstractConnectionFactory factory) {
            factory.addChannelListener(this);
        }
    }

    @Override
    public void onCreate(Channel channel, boolean transactional) {
        // nothing to record
    }

    @Override
    public void onShutDown(ShutdownSignalException signal) {
        BrokerRefusal refusal = BrokerRefusal.of(signal);
        if (refusal != null) {
            this.refusals.add(refusal);
        }
    }

    /**
     * The refusals recorded so far.
     *
     * @return them, oldest first
     */
    List<BrokerRefusal> all() {
        return List.copyOf(this.refusals);
    }
}
