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
            TestApiKeys.READER_WITH_TWO_KEYS
        })
@BrokerTest
class SoindiSecurityTests extends ApiKeySecurityContract {

    SoindiSecurityTests() {
        super(withTheActuator("/products", "/products/P-1"));
    }

    @Test
    void aReaderReadsProductsWithEitherOfItsKeys() {
        for (String key : List.of(TestApiKeys.READER_KEY, TestApiKeys.READER_NEXT_KEY, TestApiKeys.ONEC_KEY)) {
            Reply reply = get("/products", key);
            // past the security: the application's own answer
            assertThat(reply.status().value()).isEqualTo(200);
        }
    }
}
