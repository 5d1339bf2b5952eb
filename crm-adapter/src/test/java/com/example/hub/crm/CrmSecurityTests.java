package com.example.hub.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.security.ApiKeySecurityContract;
import com.example.hub.testsupport.security.TestApiKeys;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Who may use the CRM adapter, over real HTTP: the probes answer anyone with their status alone; every other endpoint
 * answers 401 without a key or with an unknown one, 403 to a client without the role, and works with the right key,
 * either of two at once, plain or configured as its {@code sha256:} hash.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:crm-security-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            TestApiKeys.READER_WITH_TWO_KEYS
        })
@BrokerTest
@Import(FakeCreatioConfiguration.class)
class CrmSecurityTests extends ApiKeySecurityContract {

    CrmSecurityTests() {
        super(withTheActuator());
    }

    @Test
    void theReaderKeysAreEitherOfTwoButReadNoActuator() {
        for (String key : List.of(TestApiKeys.READER_KEY, TestApiKeys.READER_NEXT_KEY)) {
            // known keys: 403, not 401
            assertThat(get("/actuator/info", key).status().value()).isEqualTo(403);
        }
    }
}
