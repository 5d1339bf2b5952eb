package com.example.hub.testsupport;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Another application of the hub in a {@link BrokerTest}: a connection as that application's broker user, with
 * compose's permissions ({@link BrokerTestVirtualHost#newUser}), and one channel in confirm mode, to publish as it
 * and to read its queue as it. {@link BrokerTestVirtualHost#client} keeps one for each application, closed with the
 * virtual host; one from {@link #connect} is the test's to close.
 */
public final class AppClient implements AutoCloseable {

    /** A persistent JSON message's properties. */
    public static final AMQP.BasicProperties JSON = new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .build();

    private static final long CONFIRM_TIMEOUT_MILLIS = 5_000;

    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(15);

    private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

    private final Connection connection;

    private final Channel channel;

    private AppClient(Connection connection, Channel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    /**
     * Connects as an application of the hub: creates its user in the virtual host (deleted with it).
     *
     * @param vhost the test's virtual host
     * @param app the application's key in {@link AppPermissions#FILE}, such as {@code onec}
     * @return the client, its channel in confirm mode
     * @throws IOException when the broker refuses
     * @throws TimeoutException when the broker does not answer
     */
    public static AppClient connect(BrokerTestVirtualHost vhost, String app) throws IOException, TimeoutException {
        BrokerUser user = vhost.newUser(app);
        Connection connection =
                user.connectionFactory(vhost.broker(), vhost.name()).newConnection();
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        return new AppClient(connection, channel);
    }

    /**
     * The client's channel, for what the other methods do not do (take a message without acknowledging it, ...).
     *
     * @return the channel, in confirm mode
     */
    public Channel channel() {
        return this.channel;
    }

    /**
     * Publishes a message as mandatory and waits up to five seconds for the broker's confirm.
     *
     * @param exchange the exchange
     * @param routingKey the routing key
     * @param properties its properties, such as {@link #JSON}
     * @param body its body
     * @throws IOException when the broker refuses it or does not confirm it in time
     */
    public void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        this.channel.basicPublish(exchange, routingKey, true, properties, body);
        try {
            this.channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the confirm of " + routingKey, ex);
        } catch (TimeoutException ex) {
            throw new IOException("No confirm of " + routingKey + " in time", ex);
        }
    }

    /**
     * Publishes a persistent JSON message of the hub as mandatory and waits for the broker's confirm.
     *
     * @param exchange the exchange
     * @param routingKey the routing key
     * @param messageId its message id
     * @param correlationId its correlation id, the request's id
     * @param body its JSON body
     * @throws IOException when the broker refuses it or does not confirm it in time
     */
    public void publishJson(String exchange, String routingKey, String messageId, String correlationId, byte[] body)
            throws IOException {
        publish(
                exchange,
                routingKey,
                JSON.builder().messageId(messageId).correlationId(correlationId).build(),
                body);
    }

    /**
     * Publishes an envelope of the hub as {@link #publishJson} does, under its own {@code message_id} and with its
     * {@code request_id} as the correlation id.
     *
     * @param exchange the exchange
     * @param routingKey the routing key
     * @param envelope the envelope's JSON, with {@code message_id} and {@code request_id}
     * @throws IOException when the broker refuses it or does not confirm it in time
     */
    public void publishEnvelope(String exchange, String routingKey, byte[] envelope) throws IOException {
        JsonNode json = JSON_MAPPER.readTree(envelope);
        publishJson(
                exchange,
                routingKey,
                json.path("message_id").asString(),
                json.path("request_id").asString(),
                envelope);
    }

    /**
     * Takes messages from a queue, acknowledged, until one is wanted, waiting up to 15 seconds; the others are
     * dropped.
     *
     * @param queue the queue
     * @param wanted which message
     * @return the message
     */
    public GetResponse receive(String queue, Predicate<GetResponse> wanted) {
        return receive(queue, wanted, other -> {});
    }

    /**
     * Takes messages from a queue, acknowledged, until one is wanted, waiting up to 15 seconds.
     *
     * @param queue the queue
     * @param wanted which message
     * @param others is given each message taken before it
     * @return the message
     */
    public GetResponse receive(String queue, Predicate<GetResponse> wanted, Consumer<GetResponse> others) {
        return await().atMost(RECEIVE_TIMEOUT).until(() -> next(queue, wanted, others), Objects::nonNull);
    }

    /**
     * Whether a message's JSON body carries a request id, as the hub's envelopes do ({@code request_id}); a body that
     * is not JSON does not.
     *
     * @param requestId the request id
     * @return the predicate
     */
    public static Predicate<GetResponse> withRequestId(String requestId) {
        return response -> {
            try {
                JsonNode id = JSON_MAPPER.readTree(response.getBody()).get("request_id");
                return id != null && requestId.equals(id.asString());
            } catch (JacksonException notJson) {
                return false;
            }
        };
    }

    /**
     * Whether its channel is open: the broker closes it on a refusal.
     *
     * @return whether it can be used
     */
    public boolean isOpen() {
        return this.channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        this.connection.close();
    }

    private @Nullable GetResponse next(String queue, Predicate<GetResponse> wanted, Consumer<GetResponse> others)
            throws IOException {
        GetResponse response;
        while ((response = this.channel.basicGet(queue, true)) != null) {
            if (wanted.test(response)) {
                return response;
            }
            others.accept(response);
        }
        return null;
    }
}
