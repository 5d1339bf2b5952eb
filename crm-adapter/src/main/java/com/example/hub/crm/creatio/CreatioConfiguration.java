package com.example.hub.crm.creatio;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpCookieHandling;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CreatioProperties.class)
class CreatioConfiguration {

    @Bean
    CreatioClient creatioClient(
            RestClient.Builder restClientBuilder,
            CreatioProperties properties,
            ObjectProvider<ObservationRegistry> observations) {
        return new CreatioClient(
                restClientBuilder(restClientBuilder, properties),
                properties,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /**
     * A copy of Boot's builder with the client's own request factory: the configured timeouts, no cookie store (the
     * client sends the session's cookies itself) and no redirects (a redirect means a wrong base URL).
     */
    static RestClient.Builder restClientBuilder(RestClient.Builder restClientBuilder, CreatioProperties properties) {
        return restClientBuilder
                .clone()
                .requestFactory(ClientHttpRequestFactoryBuilder.detect()
                        .build(HttpClientSettings.defaults()
                                .withTimeouts(properties.connectTimeout(), properties.readTimeout())
                                .withCookieHandling(HttpCookieHandling.DISABLE)
                                .withRedirects(HttpRedirects.DONT_FOLLOW)));
    }
}
