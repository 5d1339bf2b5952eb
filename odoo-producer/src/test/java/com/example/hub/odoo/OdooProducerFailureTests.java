package com.example.hub.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.TemporaryVirtualHost;
import com.example.hub.testsupport.TestBroker;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The producer's exit code when its events are not safely with the broker. */
@ExtendWith(OutputCaptureExtension.class)
class OdooProducerFailureTests {

    @RegisterExtension
    final TemporaryVirtualHost temporaryVirtualHost = new TemporaryVirtualHost();

    private final TestBroker broker = this.temporaryVirtualHost.broker();

    private String virtualHost;

    @Test
    void exitsNonZeroAtOnceWhenTheBrokerIsUnreachable(CapturedOutput output) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Instant start = Instant.now();

        int exitCode = OdooProducerApplication.run(
                ProducerRuns.arguments("127.0.0.1", closedPort, this.broker, "/", "--count=50"));

        assertThat(exitCode).isEqualTo(ProducerRunner.NOT_CONFIRMED);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
        assertThat(output.getErr())
                .contains("FAILED: the RabbitMQ broker at 127.0.0.1:" + closedPort)
                .contains("cannot be reached")
                .contains("None of the 50 product event(s) was published");
        assertThat(output.getOut()).doesNotContain("confirmed product.");
    }

    @Test
    void exitsNonZeroWhenNoQueueIsBoundForItsEvents(CapturedOutput output) throws Exception {
        this.virtualHost = this.temporaryVirtualHost.create("odoo-producer-unroutable");
        // the exchange exists, but no subscriber's queue is bound to it and the producer declares none
        declareOdooEventsExchange("topic");

        int exitCode = OdooProducerApplication.run(ProducerRuns.arguments(
                this.broker, this.virtualHost, "--count=2", "--hub.messaging.declare-odoo-topology=false"));

        assertThat(exitCode).isEqualTo(ProducerRunner.NOT_CONFIRMED);
        assertThat(output.getErr().lines().filter(line -> line.startsWith("NOT CONFIRMED (UNROUTABLE")))
                .as("each event reported")
                .hasSize(2);
        assertThat(output.getErr()).contains("FAILED: the broker at ").contains("confirmed 0 of 2 product event(s)");
    }

    @Test
    void exitsNonZeroWhenTheBrokerRefusesItsEvents(CapturedOutput output) {
        // no exchange at all: the broker closes the channel instead of confirming
        this.virtualHost = this.temporaryVirtualHost.create("odoo-producer-no-exchange");

        int exitCode = OdooProducerApplication.run(ProducerRuns.arguments(
                this.broker, this.virtualHost, "--count=2", "--hub.messaging.declare-odoo-topology=false"));

        assertThat(exitCode).isEqualTo(ProducerRunner.NOT_CONFIRMED);
        assertThat(output.getErr()).contains("NOT CONFIRMED (");
        assertThat(summary(output))
                .contains("confirmed 0 of 2 product event(s)")
                .contains("it refused them: NOT_FOUND - no exchange '" + HubTopology.ODOO_EVENTS_EXCHANGE + "'");
        assertThat(output.getOut()).doesNotContain("Published ");
    }

    @Test
    void namesTheRefusedLoginWhenThePasswordIsWrong(CapturedOutput output) {
        this.virtualHost = this.temporaryVirtualHost.create("odoo-producer-wrong-password");
        String wrongPassword = "not-" + this.broker.password();

        int exitCode = OdooProducerApplication.run(ProducerRuns.arguments(
                this.broker.host(), this.broker.amqpPort(), wrongPassword, this.broker, this.virtualHost, "--count=3"));

        assertThat(exitCode).isEqualTo(ProducerRunner.NOT_CONFIRMED);
        assertThat(summary(output))
                .startsWith("FAILED: the RabbitMQ broker at " + this.broker.host() + ":" + this.broker.amqpPort()
                        + ", virtual host '" + this.virtualHost + "' refused the login as '" + this.broker.username()
                        + "': ACCESS_REFUSED - Login was refused")
                .doesNotContain("..")
                .endsWith("None of the 3 product event(s) was published.");
    }

    @Test
    void namesTheRefusalWhenTheVirtualHostDoesNotExist(CapturedOutput output) {
        String missing = "odoo-producer-no-such-vhost-" + Long.toHexString(System.nanoTime());

        int exitCode = OdooProducerApplication.run(ProducerRuns.arguments(this.broker, missing, "--count=2"));

        assertThat(exitCode).isEqualTo(ProducerRunner.NOT_CONFIRMED);
        assertThat(summary(output))
                .contains("virtual host '" + missing + "' refused the connection: NOT_ALLOWED - vhost " + missing
                        + " not found.")
                .endsWith("None of the 2 product event(s) was published.");
    }

    @Test
    void namesTheRefusalWhenItsTopologyDisagreesWithTheBrokers(CapturedOutput output) throws Exception {
        this.virtualHost = this.temporaryVirtualHost.create("odoo-producer-precondition");
        // the exchange exists with another type: the producer's declaration of it is refused
        declareOdooEventsExchange("fanout");

        int exitCode = OdooProducerApplication.run(ProducerRuns.arguments(this.broker, this.virtualHost, "--count=2"));

        assertThat(exitCode).isEqualTo(ProducerRunner.NOT_CONFIRMED);
        assertThat(summary(output))
                .contains("refused the producer's request: PRECONDITION_FAILED - inequivalent arg 'type' for exchange '"
                        + HubTopology.ODOO_EVENTS_EXCHANGE + "'")
                .endsWith("None of the 2 product event(s) was published.");
        assertThat(output.getOut()).doesNotContain("Published ");
    }

    /** The run's last line: why it failed. */
    private static String summary(CapturedOutput output) {
        List<String> failures = output.getErr()
                .lines()
                .filter(line -> line.startsWith("FAILED: "))
                .toList();
        assertThat(failures).as("one summary of the failure").hasSize(1);
        return failures.get(0);
    }

    private void declareOdooEventsExchange(String type) throws Exception {
        try (Connection connection =
                        this.broker.connectionFactory(this.virtualHost).newConnection();
                Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(HubTopology.ODOO_EVENTS_EXCHANGE, type, true);
        }
    }
}
