package com.example.hub.messaging.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Every error of a servlet web application is a problem body (RFC 9457, {@code application/problem+json}): those
 * that reach the error page ({@link ProblemErrorController} instead of Boot's error controller) and those Tomcat
 * answers itself ({@link ProblemErrorReportValve} instead of its HTML error report). Also turns away a request whose
 * path is not validly percent-encoded ({@link PercentEncodingFilter}) and sets Tomcat's limit on the number of request
 * headers ({@code hub.web.max-header-count}).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@EnableConfigurationProperties(HubWebProperties.class)
public final class HubWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController hubProblemErrorController() {
        return new ProblemErrorController();
    }

    /**
     * Turns away a request whose path is not validly percent-encoded, before every other filter.
     *
     * @return the filter's registration
     */
    @Bean
    FilterRegistrationBean<PercentEncodingFilter> hubPercentEncodingFilter() {
        FilterRegistrationBean<PercentEncodingFilter> registration =
                new FilterRegistrationBean<>(new PercentEncodingFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Tomcat.class, TomcatServletWebServerFactory.class})
    static final class TomcatProblems {

        /**
         * Replaces the error report valve of Tomcat's host (Boot's, or the one the host would add) with {@link
         * ProblemErrorReportValve}, and limits the number of request headers. Runs after Boot's own customizers.
         *
         * @param properties the web limits
         * @return the customizer
         */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> hubTomcatProblemsCustomizer(
                HubWebProperties properties) {
            return new ProblemsCustomizer(properties);
        }
    }

    private record ProblemsCustomizer(HubWebProperties properties)
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                }
            });
            int maxHeaderCount = this.properties.maxHeaderCount();
            factory.addProtocolHandlerCustomizers(protocol -> {
                if (protocol instanceof AbstractHttp11Protocol<?> http) {
                    http.setMaxHeaderCount(maxHeaderCount);
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
