package com.example.hub.crm.creatio;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
                restClientBuilder, properties, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
