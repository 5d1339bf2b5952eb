package com.example.hub.onec.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import com.example.hub.onec.OnecAdapterApplication;
import com.example.hub.onec.TestClients;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * HTTPS (issue 14, item 3): the 1C adapter switched to HTTPS by the environment variables the README names ({@code
 * HUB_TLS=true}, {@code HUB_TLS_CERT}, {@code HUB_TLS_KEY}; here as properties of the same names) with a certificate
 * made at test time answers a client that trusts only the test's CA, on its one port; a plain HTTP request to that port
 * gets no answer of the application, and a client that does not trust the CA is refused in the handshake.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:onec-https-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "HUB_TLS=true"
        })
@BrokerTest
@DirtiesContext
class HttpsTests {

    private static final Path DIRECTORY = temporaryDirectory();

    private static final TestCertificates AUTHORITY = TestCertificates.authority(DIRECTORY, "onec-https-tests");

    private static final TestCertificates.Issued SERVER = AUTHORITY.issue("onec-adapter");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void serverCertificate(DynamicPropertyRegistry registry) {
        registry.add("HUB_TLS_CERT", () -> SERVER.certificate().toString());
        registry.add("HUB_TLS_KEY", () -> SERVER.privateKey().toString());
    }

    @AfterAll
    static void deleteCertificates() {
        FileSystemUtils.deleteRecursively(DIRECTORY.toFile());
    }

    @Test
    void answersOverHttpsAClientThatTrustsOnlyTheTestCa() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(trustingOnly(AUTHORITY.certificate()))
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        HttpResponse<String> liveness = client.send(
                request("https://localhost:" + this.port + "/actuator/health/liveness")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> journal = client.send(
                request("https://localhost:" + this.port + "/requests")
                        .header(TestClients.HEADER, TestClients.READER_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withoutKey = client.send(
                request("https://localhost:" + this.port + "/requests").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"status\":\"UP\"");
        assertThat(journal.statusCode()).isEqualTo(200);
        assertThat(journal.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        // the API keys still apply over HTTPS
        assertThat(withoutKey.statusCode()).isEqualTo(401);
        assertThat(withoutKey.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aPlainHttpRequestToTheHttpsPortGetsNoAnswerOfTheApplication() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> response = client.send(
                request("http://localhost:" + this.port + "/actuator/health/liveness")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // Tomcat's own 400 for a plain request on a TLS port, never the application's answer
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("This combination of host and port requires TLS.")
                .doesNotContain("UP");
    }

    @Test
    void aClientThatDoesNotTrustTheTestCaIsRefused() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(SSLContext.getDefault())
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        assertThatException()
                .isThrownBy(() -> client.send(
                        request("https://localhost:" + this.port + "/actuator/health/liveness")
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class)
                .withMessageContaining("PKIX path building failed");
    }

    @Test
    void anAppWhoseCertificateFileIsMissingDoesNotStart() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(OnecAdapterApplication.class)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=jdbc:h2:mem:onec-https-missing;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "spring.rabbitmq.host=127.0.0.1",
                        "spring.rabbitmq.port=" + closedPort());

        assertThatException()
                .isThrownBy(() -> app.run(
                        "--HUB_TLS=true",
                        "--HUB_TLS_CERT=" + DIRECTORY.resolve("missing.crt"),
                        "--HUB_TLS_KEY=" + SERVER.privateKey()))
                .withStackTraceContaining("missing.crt");
    }

    private static HttpRequest.Builder request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30));
    }

    private static SSLContext trustingOnly(Path caCertificate) {
        return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(caCertificate.toString())))
                .createSslContext();
    }

    /** A local port nothing listens on: the app need not reach a broker to fail or start its web server. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("onec-https-tests");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
