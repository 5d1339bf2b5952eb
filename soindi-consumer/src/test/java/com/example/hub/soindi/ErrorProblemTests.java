package com.example.hub.soindi;

import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.http.ErrorProblemContract;
import com.example.hub.testsupport.security.TestApiKeys;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every error of SOINDI's HTTP interface is a problem body ({@code application/problem+json}), also for the requests
 * Tomcat or the servlet container turns away before Spring MVC: the cases of {@link ErrorProblemContract} on {@code
 * /products}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:soindi-error-problem-tests;DB_CLOSE_DELAY=-1",
            "soindi.instance-id=error-problem-tests"
        })
@BrokerTest
class ErrorProblemTests extends ErrorProblemContract {

    ErrorProblemTests() {
        super("/products", TestApiKeys.READER_KEY);
    }
}
