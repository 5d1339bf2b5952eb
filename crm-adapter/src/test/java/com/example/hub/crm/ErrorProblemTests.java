package com.example.hub.crm;

import com.example.hub.creatio.FakeCreatioServer;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.http.ErrorProblemContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every error of the CRM adapter's HTTP interface (its actuator) is a problem body ({@code application/problem+json}), also for the requests
 * Tomcat or the servlet container turns away before Spring MVC: the cases of {@link ErrorProblemContract} on {@code
 * /actuator}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:crm-error-problem-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
            "hub.messaging.pause-while-down=",
            "crm.creatio-health-interval=1h"
        })
@BrokerTest
class ErrorProblemTests extends ErrorProblemContract {

    private static FakeCreatioServer creatio;

    @BeforeAll
    static void startFakeCreatio() {
        creatio = FakeCreatioServer.start();
    }

    @AfterAll
    static void stopFakeCreatio() {
        creatio.close();
    }

    @DynamicPropertySource
    static void creatioBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("creatio.base-url", () -> creatio.baseUrl().toString());
    }

    ErrorProblemTests() {
        super("/actuator", TestClients.OPERATOR_KEY);
    }
}
