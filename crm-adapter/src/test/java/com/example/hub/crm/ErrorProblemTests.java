package com.example.hub.crm;

import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.http.ErrorProblemContract;
import com.example.hub.testsupport.security.TestApiKeys;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

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
@Import(FakeCreatioConfiguration.class)
class ErrorProblemTests extends ErrorProblemContract {

    ErrorProblemTests() {
        super("/actuator", TestApiKeys.OPERATOR_KEY);
    }
}
