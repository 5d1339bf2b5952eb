package com.example.hub.messaging.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.LocalRabbitNode;
import com.example.hub.testsupport.TestCertificates;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.handler.annotation.Payload;

/**
 * AMQPS (issue 14, item 3): an application of common-messaging switched to TLS by the environment variables the README
 * names ({@code RABBITMQ_TLS=true}, {@code RABBITMQ_PORT}, {@code RABBITMQ_TLS_CA} and, for mutual TLS, {@code
 * RABBITMQ_TLS_CERT} and {@code RABBITMQ_TLS_KEY}) publishes with confirms to, and consumes from, a RabbitMQ node of
 * the test's own whose only port it is given is a TLS listener that requires a client certificate; the certificates
 * are made at test time. A client that does not trust the node's CA, or that offers no certificate, is refused. The
 * node runs from this machine's RabbitMQ installation: without it the test fails, it is not skipped.
 */
class AmqpsTests {

    @TempDir
    static Path directory;

    static TestCertificates authority;

    static TestCertificates.Issued client;

    static LocalRabbitNode node;

    @BeforeAll
    static void startNodeWithTlsListener() {
        authority = TestCertificates.authority(directory.resolve("pki"), "amqps-tests");
        TestCertificates.Issued server = authority.issue("rabbitmq");
        client = authority.issue("dms-adapter");
        node = LocalRabbitNode.startWithTls(
                directory.resolve("rabbitmq"),
                new LocalRabbitNode.Tls(authority.certificate(), server.certificate(), server.privateKey(), true));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void publishesWithConfirmsAndConsumesOverTls() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TlsTestApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.application.name=amqps-tests",
                        "--hub.messaging.system=dms",
                        "--RABBITMQ_HOST=" + node.host(),
                        "--RABBITMQ_PORT=" + node.amqpsPort(),
                        "--RABBITMQ_TLS=true",
                        "--RABBITMQ_TLS_CA=" + authority.certificate(),
                        "--RABBITMQ_TLS_CERT=" + client.certificate(),
                        "--RABBITMQ_TLS_KEY=" + client.privateKey())) {
            MessageEnvelope sent =
                    MessageEnvelope.request("REQ-TLS-1", "1C", "DMS", "create_user", Map.of("user_id", "U1"));

            // returns once the broker confirmed the message (publisher confirms; it fails otherwise)
            app.getBean(MessagePublisher.class).publish(sent.requestKey(), sent);

            List<MessageEnvelope> received = app.getBean(Recorder.class).received;
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(received).containsExactly(sent));
        }
    }

    @Test
    void anAppWhoseCaFileIsMissingDoesNotStart() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(TlsTestApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.application.name=amqps-tests", "hub.messaging.system=dms");

        assertThatException()
                .isThrownBy(() -> app.run(
                        "--RABBITMQ_HOST=" + node.host(),
                        "--RABBITMQ_PORT=" + node.amqpsPort(),
                        "--RABBITMQ_TLS=true",
                        "--RABBITMQ_TLS_CA=" + directory.resolve("missing-ca.crt")))
                .withStackTraceContaining("missing-ca.crt");
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefused() {
        TestCertificates otherAuthority = TestCertificates.authority(directory.resolve("other"), "other");

        // the client's certificate is of the node's CA, but the client trusts another CA only
        assertThatException()
                .isThrownBy(() -> connect(trusting(otherAuthority.certificate(), client)))
                .isInstanceOf(SSLHandshakeException.class)
                .withMessageContaining("PKIX path building failed");
        // nor does the JVM's own trust store know the test's CA
        assertThatException()
                .isThrownBy(() -> connect(SSLContext.getDefault()))
                .isInstanceOf(SSLHandshakeException.class)
                .withMessageContaining("PKIX path building failed");
    }

    @Test
    void theNodeRefusesAClientWithoutACertificateOfItsCa() {
        TestCertificates otherAuthority = TestCertificates.authority(directory.resolve("foreign"), "foreign");
        TestCertificates.Issued foreignClient = otherAuthority.issue("foreign-client");

        // refused in the handshake, or (TLS 1.3: the client has finished its part) by a reset right after it
        assertThatException()
                .isThrownBy(() -> connect(trusting(authority.certificate(), null)))
                .isInstanceOf(IOException.class);
        assertThatException()
                .isThrownBy(() -> connect(trusting(authority.certificate(), foreignClient)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aClientThatTrustsTheCaAndHasACertificateIsAccepted() throws Exception {
        try (com.rabbitmq.client.Connection connection = connect(trusting(authority.certificate(), client))) {
            assertThat(connection.isOpen()).isTrue();
        }
    }

    private static SSLContext trusting(Path caCertificate, TestCertificates.Issued clientCertificate) {
        PemSslStoreDetails keyStore = clientCertificate == null
                ? null
                : PemSslStoreDetails.forCertificate(
                                clientCertificate.certificate().toString())
                        .withPrivateKey(clientCertificate.privateKey().toString());
        return SslBundle.of(
                        new PemSslStoreBundle(keyStore, PemSslStoreDetails.forCertificate(caCertificate.toString())))
                .createSslContext();
    }

    private static com.rabbitmq.client.Connection connect(SSLContext sslContext) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(node.host());
        factory.setPort(node.amqpsPort());
        factory.setUsername(node.username());
        factory.setPassword(node.password());
        factory.setConnectionTimeout(10_000);
        factory.setHandshakeTimeout(10_000);
        factory.useSslProtocol(sslContext);
        factory.enableHostnameVerification();
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection("amqps-tests");
    }

    /** An application of common-messaging with a listener on {@code dms_queue} that records what it receives. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TlsTestApplication {

        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    static class Recorder {

        final List<MessageEnvelope> received = new CopyOnWriteArrayList<>();

        @RabbitListener(queues = HubTopology.DMS_QUEUE)
        void onMessage(@Payload MessageEnvelope envelope) {
            this.received.add(envelope);
        }
    }
}
