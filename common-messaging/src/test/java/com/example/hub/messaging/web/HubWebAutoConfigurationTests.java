package com.example.hub.messaging.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * In a servlet web application the error page answers with problem bodies, a request with a broken percent-encoding
 * is turned away first, and Tomcat gets the problem error report valve; the auto-configuration backs off where the
 * application has its own error controller, and outside a web application.
 */
class HubWebAutoConfigurationTests {

    private final WebApplicationContextRunner contexts =
            new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(HubWebAutoConfiguration.class));

    @Test
    void answersErrorsWithProblemBodies() {
        this.contexts.run(context -> {
            assertThat(context).hasSingleBean(ProblemErrorController.class);
            assertThat(context.getBean("hubPercentEncodingFilter", FilterRegistrationBean.class)
                            .getOrder())
                    .isEqualTo(Ordered.HIGHEST_PRECEDENCE);
            assertThat(context.getBean("hubTomcatProblemsCustomizer")).isInstanceOf(WebServerFactoryCustomizer.class);

            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 400);
            request.setAttribute(RequestDispatcher.ERROR_MESSAGE, "Invalid URI");
            ResponseEntity<byte[]> answer =
                    context.getBean(ProblemErrorController.class).error(request);
            assertThat(answer.getStatusCode().value()).isEqualTo(400);
            assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(new String(answer.getBody(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                            + "\"detail\":\"Invalid URI\"}");

            ResponseEntity<byte[]> direct =
                    context.getBean(ProblemErrorController.class).error(new MockHttpServletRequest("GET", "/error"));
            assertThat(direct.getStatusCode().value())
                    .as("the error page asked for directly")
                    .isEqualTo(404);
        });
    }

    @Test
    void aServerErrorSaysNothingOfItsCause() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_MESSAGE, "java.sql.SQLException: table journal is locked");

        String body = new String(new ProblemErrorController().error(request).getBody(), StandardCharsets.UTF_8);

        assertThat(body).contains("\"status\":500").doesNotContain("SQLException");
    }

    @Test
    void backsOffWhereTheApplicationHasItsOwnErrorController() {
        this.contexts.withUserConfiguration(OwnErrorController.class).run(context -> {
            assertThat(context).doesNotHaveBean(ProblemErrorController.class);
            assertThat(context).hasSingleBean(ErrorController.class);
        });
    }

    @Test
    void staysOutOfApplicationsWithoutAWebServer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HubWebAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ProblemErrorController.class));
    }

    @Test
    void tellsValidFromBrokenPercentEncoding() {
        assertThat(PercentEncodingFilter.validlyEncoded("/requests/a%2Fb%c3%A9"))
                .isTrue();
        assertThat(PercentEncodingFilter.validlyEncoded("/send_to_crm;x=1%zz")).isFalse();
        assertThat(PercentEncodingFilter.validlyEncoded("/requests%")).isFalse();
        assertThat(PercentEncodingFilter.validlyEncoded("/requests%4")).isFalse();
    }

    @Test
    void theTomcatCustomizerSetsTheHeaderCount() {
        this.contexts.withPropertyValues("hub.web.max-header-count=20").run(context -> {
            @SuppressWarnings("unchecked")
            WebServerFactoryCustomizer<TomcatServletWebServerFactory> customizer =
                    context.getBean("hubTomcatProblemsCustomizer", WebServerFactoryCustomizer.class);
            TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
            customizer.customize(factory);
            assertThat(factory.getContextCustomizers()).hasSize(1);
            assertThat(factory.getProtocolHandlerCustomizers()).hasSize(1);
            assertThat(context.getBean(HubWebProperties.class).maxHeaderCount()).isEqualTo(20);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnErrorController {

        @Bean
        ErrorController ownErrorController() {
            return new ErrorController() {};
        }
    }
}
