package com.example.hub.messaging.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The listeners' logging context is on by default, can be switched off and gives way to an application's own. */
class HubLoggingAutoConfigurationTests {

    private final ApplicationContextRunner contexts =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HubLoggingAutoConfiguration.class));

    @Test
    void isOnByDefault() {
        this.contexts.run(context -> assertThat(context).hasSingleBean(ListenerLogContext.class));
    }

    @Test
    void canBeSwitchedOff() {
        this.contexts
                .withPropertyValues("hub.logging.listener-context=false")
                .run(context -> assertThat(context).doesNotHaveBean(ListenerLogContext.class));
    }

    @Test
    void givesWayToTheApplicationsOwn() {
        this.contexts
                .withUserConfiguration(Own.class)
                .run(context ->
                        assertThat(context.getBean(ListenerLogContext.class)).isSameAs(Own.CONTEXT));
    }

    @Configuration(proxyBeanMethods = false)
    static class Own {

        static final ListenerLogContext CONTEXT = new ListenerLogContext();

        @Bean
        ListenerLogContext ownListenerLogContext() {
            return CONTEXT;
        }
    }
}
