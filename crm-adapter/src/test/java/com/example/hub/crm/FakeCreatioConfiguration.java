package com.example.hub.crm;

import com.example.hub.creatio.FakeCreatioServer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Fake Creatio for a test's application context, for the tests that need one only to start: started with the
 * context, closed with it, its base URL set as {@code creatio.base-url}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeCreatioConfiguration {

    @Bean(destroyMethod = "close")
    FakeCreatioServer fakeCreatio() {
        return FakeCreatioServer.start();
    }

    @Bean
    DynamicPropertyRegistrar creatioBaseUrl(FakeCreatioServer creatio) {
        return registry ->
                registry.add("creatio.base-url", () -> creatio.baseUrl().toString());
    }
}
