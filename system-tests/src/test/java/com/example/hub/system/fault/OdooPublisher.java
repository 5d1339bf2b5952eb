package com.example.hub.system.fault;

import static org.awaitility.Awaitility.await;

import com.example.hub.testsupport.LocalRabbitNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes Odoo product events to the suite's node as Odoo does (persistent, JSON, the event id as message id,
 * waiting for the broker's confirmation), either as a backlog at once or at a fixed rate whatever state the broker
 * is in. Each product id is unique to this publisher.
 */
final class OdooPublisher implements AutoCloseable {

    private final ConnectionFactory factory = new ConnectionFactory();

    private final String prefix;

    private final List<Address> addresses;

    private final List<OdooEvent> published = new CopyOnWriteArrayList<>();

    private Instant lastTimestamp = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private int products;

    private int events;

    private Connection connection;

    private Channel channel;

    private ScheduledExecutorService scheduler;

    private volatile long deadline;

    OdooPublisher(LocalRabbitNode node, String prefix) {
        this(List.of(new Address(node.host(), node.amqpPort())), node.username(), node.password(), prefix);
    }

    /**
     * A publisher to a cluster: it connects to the first of the addresses that answers, again after a failure.
     *
     * @param addresses the nodes' AMQP addresses
     * @param username the user
     * @param password its password
     * @param prefix what every event id and product id starts with
     */
    OdooPublisher(List<Address> addresses, String username, String password, String prefix) {
        this.addresses = List.copyOf(addresses);
        this.factory.setUsername(username);
        this.factory.setPassword(password);
        this.factory.setConnectionTimeout(2000);
        this.factory.setAutomaticRecoveryEnabled(false);
        this.prefix = prefix.toUpperCase(Locale.ROOT) + "-"
                + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
    }

    /**
     * Publishes a backlog: a product with one event for each of {@code singles}, and {@code multiples} products with
     * {@code eventsEach} events, interleaved, each later than the one before; all must be confirmed.
     */
    List<OdooEvent> backlog(int singles, int multiples, int eventsEach)
            throws IOException, TimeoutException, InterruptedException {
        List<OdooEvent> events = new ArrayList<>();
        List<String> multiProducts = new ArrayList<>();
        for (int i = 0; i < multiples; i++) {
            multiProducts.add(nextProduct());
        }
        int multiTotal = multiples * eventsEach;
        int total = singles + multiTotal;
        // a product's events spread over the backlog, in the order of their timestamps
        int stride = Math.max(1, total / Math.max(1, multiTotal));
        int single = 0;
        int multi = 0;
        for (int i = 0; i < total; i++) {
            boolean takeMulti = multi < multiTotal && (single >= singles || i % stride == 0);
            String productId = takeMulti ? multiProducts.get(multi++ % multiples) : nextProduct();
            if (!takeMulti) {
                single++;
            }
            events.add(next(productId));
        }
        Channel backlogChannel = channel();
        for (int i = 0; i < events.size(); i++) {
            send(backlogChannel, events.get(i));
            if (i % 1000 == 999 || i == events.size() - 1) {
                backlogChannel.waitForConfirmsOrDie(60_000);
            }
        }
        events.replaceAll(event -> event.withConfirmed(true));
        this.published.addAll(events);
        return events;
    }

    /** Starts publishing one event a tick, each for a product of its own, at most as long as given; returns at once. */
    void start(int perSecond, Duration longest) {
        this.deadline = System.nanoTime() + longest.toNanos();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "odoo-load");
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler.scheduleAtFixedRate(
                () -> {
                    if (System.nanoTime() < this.deadline) {
                        this.published.add(publishOne());
                    }
                },
                0,
                1_000_000_000L / perSecond,
                TimeUnit.NANOSECONDS);
    }

    /** Ends the fixed-rate load this long from now. */
    void stopAfter(Duration fromNow) {
        this.deadline = System.nanoTime() + fromNow.toNanos();
    }

    /** Waits until the fixed-rate load is over; returns every event published. */
    List<OdooEvent> awaitFinished(Duration timeout) throws InterruptedException {
        if (this.scheduler != null) {
            await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> System.nanoTime() >= this.deadline);
            this.scheduler.shutdown();
            if (!this.scheduler.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                this.scheduler.shutdownNow();
            }
        }
        return List.copyOf(this.published);
    }

    /** Publishes one event and waits up to 5 s for its confirmation; a failure leaves it unconfirmed. */
    private OdooEvent publishOne() {
        OdooEvent event = next(nextProduct());
        try {
            Channel publishing = channel();
            send(publishing, event);
            return event.withConfirmed(publishing.waitForConfirms(5000));
        } catch (IOException | TimeoutException | RuntimeException ex) {
            closeConnection();
            return event;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return event;
        }
    }

    private void send(Channel publishing, OdooEvent event) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .contentEncoding("UTF-8")
                .deliveryMode(2)
                .messageId(event.eventId())
                .build();
        publishing.basicPublish(
                OdooEvent.EXCHANGE,
                OdooEvent.ROUTING_KEY,
                true,
                properties,
                Http.JSON.writeValueAsString(event.json()).getBytes(StandardCharsets.UTF_8));
    }

    private synchronized OdooEvent next(String productId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        this.lastTimestamp = now.isAfter(this.lastTimestamp) ? now : this.lastTimestamp.plus(1, ChronoUnit.MICROS);
        return new OdooEvent(this.prefix + "-E" + this.events++, productId, this.lastTimestamp, false);
    }

    private synchronized String nextProduct() {
        return this.prefix + "-P" + this.products++;
    }

    private synchronized Channel channel() throws IOException, TimeoutException {
        if (this.channel == null || !this.channel.isOpen()) {
            closeConnection();
            this.connection = this.factory.newConnection(this.addresses, "fault-suite-odoo");
            this.channel = this.connection.createChannel();
            this.channel.confirmSelect();
        }
        return this.channel;
    }

    private synchronized void closeConnection() {
        if (this.connection != null) {
            try {
                this.connection.abort(1000);
            } catch (RuntimeException ex) {
                // gone already
            }
        }
        this.connection = null;
        this.channel = null;
    }

    @Override
    public void close() {
        if (this.scheduler != null) {
            this.scheduler.shutdownNow();
        }
        closeConnection();
    }
}
