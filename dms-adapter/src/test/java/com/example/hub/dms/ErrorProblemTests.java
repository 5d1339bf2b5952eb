package com.example.hub.dms;

import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.http.ErrorProblemContract;
import com.example.hub.testsupport.security.TestApiKeys;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every error of the DMS adapter's HTTP interface is a problem body ({@code application/problem+json}), also for the requests
 * Tomcat or the servlet container turns away before Spring MVC: the cases of {@link ErrorProblemContract} on {@code
 * /users}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:dms-error-problem-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
@BrokerTest
class ErrorProblemTests extends ErrorProblemContract {

    ErrorProblemTests() {
        super("/users", TestApiKeys.READER_KEY);
    }
}
