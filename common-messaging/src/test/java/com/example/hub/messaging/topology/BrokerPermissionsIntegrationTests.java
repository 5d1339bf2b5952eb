package com.example.hub.messaging.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.example.hub.testsupport.BrokerUser;
import com.example.hub.testsupport.TestBroker;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the broker lets each application's user do under the permissions compose gives it ({@code
 * docker/rabbitmq/app-permissions.conf}), on the shared topology compose imports ({@code
 * docker/rabbitmq/definitions.json}), over plain AMQP connections: what RabbitMQ checks, not what the applications
 * happen to do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerPermissionsIntegrationTests {

    private static final AMQP.BasicProperties PERSISTENT = new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .build();

    private final TestBroker broker = TestBroker.get();

    private final List<BrokerUser> users = new ArrayList<>();

    private final List<Connection> connections = new ArrayList<>();

    private String vhost;

    private BrokerUser onec;

    private BrokerUser dms;

    private BrokerUser soindi;

    private BrokerUser odoo;

    @BeforeAll
    void sharedTopologyAndUsers() {
        this.vhost = this.broker.newVirtualHost(getClass().getSimpleName());
        this.broker.declareSharedTopology(this.vhost);
        this.onec = user("onec");
        this.dms = user("dms");
        this.soindi = user("soindi");
        this.odoo = user("odoo");
    }

    @AfterEach
    void closeConnections() throws Exception {
        for (Connection connection : this.connections) {
            if (connection.isOpen()) {
                connection.close();
            }
        }
        this.connections.clear();
    }

    @AfterAll
    void deleteVirtualHostAndUsers() {
        this.broker.deleteVirtualHost(this.vhost);
        this.users.forEach(this.broker::deleteUser);
    }

    @Test
    void theDmsUserCannotReadCrmQueue() throws Exception {
        admin().basicPublish(HubTopology.EXCHANGE, "1c.request.crm.update_order_status", PERSISTENT, body("secret"));

        assertRefused(() -> channel(this.dms).basicGet(HubTopology.CRM_QUEUE, false));
        assertRefused(
                () -> channel(this.dms).basicConsume(HubTopology.CRM_QUEUE, false, (tag, delivery) -> {}, tag -> {}));
        assertRefused(() -> channel(this.dms).basicGet(HubTopology.CRM_DEAD_LETTER_QUEUE, false));
        assertThat(admin().basicGet(HubTopology.CRM_QUEUE, true))
                .as("still in crm_queue")
                .isNotNull();
    }

    @Test
    void theDmsUserCannotPublishAsAnotherSystem() throws Exception {
        for (String routingKey :
                List.of("crm.response.1c.update_order_status", "1c.request.dms.create_user", "1c.request.crm.x")) {
            assertPublishRefused(this.dms, HubTopology.EXCHANGE, routingKey);
        }
        assertThat(admin().basicGet(HubTopology.ONEC_QUEUE, true)).isNull();
        assertThat(admin().basicGet(HubTopology.DMS_QUEUE, true)).isNull();
        assertThat(admin().basicGet(HubTopology.CRM_QUEUE, true)).isNull();
    }

    @Test
    void theDmsUserCannotWriteToAnyQueueThroughTheDefaultExchange() throws Exception {
        assertPublishRefused(this.dms, "", HubTopology.CRM_QUEUE);
        assertPublishRefused(this.dms, "", HubTopology.DMS_QUEUE);
        assertPublishRefused(this.dms, "amq.topic", "dms.response.1c.create_user");
        // nor through another system's retry or dead-letter exchange
        assertPublishRefused(this.dms, HubTopology.retryExchangeOf(HubTopology.CRM_QUEUE), HubTopology.CRM_QUEUE);
        assertPublishRefused(this.dms, HubTopology.CRM_DEAD_LETTER_EXCHANGE, "dms.response.1c.create_user");
        assertThat(admin().basicGet(HubTopology.CRM_QUEUE, true)).isNull();
        assertThat(admin().basicGet(HubTopology.CRM_DEAD_LETTER_QUEUE, true)).isNull();
    }

    @Test
    void theDmsUserCannotChangeTheSharedTopology() {
        assertRefused(() -> channel(this.dms).queueDelete(HubTopology.CRM_QUEUE));
        assertRefused(() -> channel(this.dms).queueDelete(HubTopology.DMS_QUEUE));
        assertRefused(() -> channel(this.dms).queuePurge(HubTopology.CRM_QUEUE));
        assertRefused(() -> channel(this.dms).exchangeDelete(HubTopology.EXCHANGE));
        assertRefused(() -> channel(this.dms).queueDeclare("dms_private", true, false, false, null));
        assertRefused(() -> channel(this.dms).queueBind(HubTopology.DMS_QUEUE, HubTopology.EXCHANGE, "#"));
        assertRefused(() -> channel(this.dms)
                .queueDeclare(
                        HubTopology.retryQueueOf(HubTopology.CRM_QUEUE, Duration.ofSeconds(1)),
                        true,
                        false,
                        false,
                        null));
    }

    @Test
    void passiveDeclaresAreNotCheckedSoAnyUserMayAskWhetherAQueueExists() throws Exception {
        // what the health indicator and the single-instance guard do for the application's own queues; RabbitMQ
        // checks no permission for it, so a user may also learn another queue's depth, but not its messages
        AMQP.Queue.DeclareOk own = channel(this.dms).queueDeclarePassive(HubTopology.DMS_DEAD_LETTER_QUEUE);
        AMQP.Queue.DeclareOk other = channel(this.dms).queueDeclarePassive(HubTopology.CRM_QUEUE);

        assertThat(own.getQueue()).isEqualTo(HubTopology.DMS_DEAD_LETTER_QUEUE);
        assertThat(other.getQueue()).isEqualTo(HubTopology.CRM_QUEUE);
    }

    @Test
    void theDmsUserDoesItsWorkAndTheBrokerDeadLettersWhatItRejects() throws Exception {
        Channel onecChannel = channel(this.onec);
        onecChannel.confirmSelect();
        onecChannel.basicPublish(HubTopology.EXCHANGE, "1c.request.dms.create_user", PERSISTENT, body("request"));
        onecChannel.waitForConfirmsOrDie(5000);
        Channel dmsChannel = channel(this.dms);

        GetResponse request =
                await().until(() -> dmsChannel.basicGet(HubTopology.DMS_QUEUE, false), got -> got != null);
        dmsChannel.confirmSelect();
        dmsChannel.basicPublish(HubTopology.EXCHANGE, "dms.response.1c.create_user", PERSISTENT, body("answer"));
        dmsChannel.waitForConfirmsOrDie(5000);
        dmsChannel.basicReject(request.getEnvelope().getDeliveryTag(), false);

        GetResponse answer =
                await().until(() -> channel(this.onec).basicGet(HubTopology.ONEC_QUEUE, true), got -> got != null);
        assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).isEqualTo("answer");
        // dead-lettering is the broker's: the rejecting user needs no permission on the dead-letter exchange or queue
        GetResponse dead =
                await().until(() -> admin().basicGet(HubTopology.DMS_DEAD_LETTER_QUEUE, true), got -> got != null);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("request");
    }

    @Test
    void theDmsUserDeclaresItsRetryQueuesAndTheyReturnTheirMessagesThroughTheRetryExchange() throws Exception {
        Channel dmsChannel = channel(this.dms);
        String retryExchange = HubTopology.retryExchangeOf(HubTopology.DMS_QUEUE);
        String retryQueue = HubTopology.retryQueueOf(HubTopology.DMS_QUEUE, Duration.ofMillis(200));
        // as HubTopologyDeclarables.retryQueues declares it
        dmsChannel.queueDeclare(
                retryQueue,
                true,
                false,
                false,
                Map.of(
                        "x-queue-type",
                        "quorum",
                        "x-message-ttl",
                        200,
                        "x-dead-letter-exchange",
                        retryExchange,
                        "x-dead-letter-routing-key",
                        HubTopology.DMS_QUEUE,
                        "x-overflow",
                        "reject-publish",
                        "x-dead-letter-strategy",
                        "at-least-once"));
        dmsChannel.queueBind(retryQueue, retryExchange, retryQueue);
        dmsChannel.confirmSelect();

        dmsChannel.basicPublish(retryExchange, retryQueue, true, PERSISTENT, body("retried"));
        dmsChannel.waitForConfirmsOrDie(5000);

        GetResponse back = await().atMost(Duration.ofSeconds(10))
                .until(() -> dmsChannel.basicGet(HubTopology.DMS_QUEUE, true), got -> got != null);
        assertThat(new String(back.getBody(), StandardCharsets.UTF_8)).isEqualTo("retried");
        // a retry queue whose dead-letter exchange is the default exchange is refused: that would reach any queue
        assertRefused(() -> channel(this.dms)
                .queueDeclare(
                        HubTopology.retryQueueOf(HubTopology.DMS_QUEUE, Duration.ofMillis(300)),
                        true,
                        false,
                        false,
                        Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", HubTopology.CRM_QUEUE)));
    }

    @Test
    void declaringAQueueWithADeadLetterExchangeNeedsReadOnTheQueueAndWriteOnTheExchange() throws Exception {
        // why the applications' read and write permissions include their retry queues and retry exchange
        BrokerUser withoutRead = user("dms");
        this.broker
                .management()
                .setPermissions(
                        this.vhost,
                        withoutRead.username(),
                        "^dms_queue\\.retry\\..+$",
                        "^dms_queue\\.retry(\\..+)?$",
                        "^$");
        Map<String, Object> arguments = Map.of(
                "x-dead-letter-exchange",
                HubTopology.retryExchangeOf(HubTopology.DMS_QUEUE),
                "x-dead-letter-routing-key",
                HubTopology.DMS_QUEUE);

        assertRefused(() -> channel(withoutRead).queueDeclare("dms_queue.retry.9s", true, false, false, arguments));
        channel(this.dms).queueDeclare("dms_queue.retry.9s", true, false, false, arguments);
    }

    @Test
    void theOdooProducerPublishesProductEventsOnly() throws Exception {
        Channel channel = channel(this.odoo);
        channel.confirmSelect();
        channel.basicPublish(HubTopology.ODOO_EVENTS_EXCHANGE, "product.product_created", true, PERSISTENT, body("e"));
        channel.waitForConfirmsOrDie(5000);

        assertThat(admin().basicGet(HubTopology.ODOO_EVENTS_QUEUE, true)).isNotNull();
        assertPublishRefused(this.odoo, HubTopology.ODOO_EVENTS_EXCHANGE, "order.created");
        assertPublishRefused(this.odoo, HubTopology.EXCHANGE, "dms.response.1c.create_user");
        assertPublishRefused(this.odoo, "", HubTopology.ODOO_EVENTS_QUEUE);
        assertRefused(() -> channel(this.odoo).basicGet(HubTopology.ODOO_EVENTS_QUEUE, true));
        assertRefused(() -> channel(this.odoo).queueDeclare("odoo_events.retry.1s", true, false, false, null));
    }

    @Test
    void soindiReadsOdooEventsAndNothingOfTheHub() throws Exception {
        admin().basicPublish(HubTopology.ODOO_EVENTS_EXCHANGE, "product.product_created", PERSISTENT, body("e"));
        Channel channel = channel(this.soindi);

        assertThat(await().until(() -> channel.basicGet(HubTopology.ODOO_EVENTS_QUEUE, true), got -> got != null))
                .isNotNull();
        channel.confirmSelect();
        channel.basicPublish(
                HubTopology.ODOO_EVENTS_DEAD_LETTER_EXCHANGE, "product.product_created", PERSISTENT, body("d"));
        channel.waitForConfirmsOrDie(5000);
        assertThat(await().until(
                                () -> admin().basicGet(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE, true),
                                got -> got != null))
                .isNotNull();
        assertRefused(() -> channel(this.soindi).basicGet(HubTopology.ONEC_QUEUE, true));
        assertPublishRefused(this.soindi, HubTopology.ODOO_EVENTS_EXCHANGE, "product.product_created");
        assertPublishRefused(this.soindi, HubTopology.EXCHANGE, "dms.response.1c.create_user");
    }

    private BrokerUser user(String app) {
        BrokerUser user = this.broker.newUser(this.vhost, app);
        this.users.add(user);
        return user;
    }

    private Channel admin() throws Exception {
        return connect(new BrokerUser(this.broker.username(), this.broker.password()))
                .createChannel();
    }

    private Channel channel(BrokerUser user) throws Exception {
        return connect(user).createChannel();
    }

    private Connection connect(BrokerUser user) throws Exception {
        Connection connection = user.connectionFactory(this.broker, this.vhost).newConnection();
        this.connections.add(connection);
        return connection;
    }

    private void assertPublishRefused(BrokerUser user, String exchange, String routingKey) throws Exception {
        Channel channel = channel(user);
        channel.confirmSelect();
        assertRefused(() -> {
            channel.basicPublish(exchange, routingKey, PERSISTENT, body("forged"));
            channel.waitForConfirmsOrDie(5000);
            return null;
        });
    }

    private static void assertRefused(ThrowingCall call) {
        assertThatThrownBy(call::call)
                .satisfies(failure -> assertThat(shutdownSignal(failure))
                        .as("the broker closed the channel")
                        .isNotNull()
                        .satisfies(signal -> assertThat(signal.getMessage()).contains("ACCESS_REFUSED")));
    }

    private static ShutdownSignalException shutdownSignal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShutdownSignalException signal) {
                return signal;
            }
        }
        return null;
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface ThrowingCall {
        Object call() throws Exception;
    }
}
