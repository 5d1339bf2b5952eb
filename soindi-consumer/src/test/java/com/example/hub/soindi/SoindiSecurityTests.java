package com.example.hub.soindi;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.security.ApiKeySecurityContract;
import com.example.hub.testsupport.security.TestApiKeys;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Who may use the SOINDI consumer, over real HTTP: the probes answer anyone with their status alone; every other endpoint
 * answers 401 without a key or with an unknown one, 403 to a client without the role, and works with the right key,
 * either of two at once, plain or configured as its {@code sha256:} hash.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:soindi-security-tests;DB_CLOSE_DELAY=-1",
            // the reader's key (its sha256: form) and the next one (plain), both valid while the reader changes over
            "hub.security.clients.reader.keys=sha256:554873f7a9f5dc7e0f9ebe2bf0ee0efeb8b62acff83bb523a5d23b826088d942,"
                    + SoindiSecurityTests.READER_NEXT_KEY
        })
@BrokerTest
class SoindiSecurityTests extends ApiKeySecurityContract {

    static final String READER_NEXT_KEY = "test-reader-next-key-for-the-module-tests";

    SoindiSecurityTests() {
        super(List.of(
                "/products",
                "/products/P-1",
                "/actuator",
                "/actuator/health",
                "/actuator/info",
                "/actuator/prometheus",
                "/nothing-here"));
    }

    @Test
    void aReaderReadsProductsWithEitherOfItsKeys() {
        for (String key : List.of(TestApiKeys.READER_KEY, READER_NEXT_KEY, TestApiKeys.ONEC_KEY)) {
            Reply reply = get("/products", key);
            // past the security: the application's own answer
            assertThat(reply.status().value()).isEqualTo(200);
        }
    }
}
