package com.example.hub.testsupport;

import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Gives each {@link BrokerTest} class its own virtual host on the test broker. */
class BrokerTestContextCustomizerFactory implements ContextCustomizerFactory {

    private static final String BEAN_NAME = "brokerTestVirtualHost";

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(BrokerTest.class)) {
            return null;
        }
        return new Customizer(testClass);
    }

    /** Equal only for the same test class: no two classes share a virtual host or an application context. */
    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            TestBroker broker = TestBroker.get();
            String vhost = broker.newVirtualHost(this.testClass.getSimpleName());
            BrokerTestVirtualHost virtualHost = new BrokerTestVirtualHost(broker, vhost);
            ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
            beanFactory.registerSingleton(BEAN_NAME, virtualHost);
            if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
                // registered first, destroyed last: after the application closed its connections
                registry.registerDisposableBean(BEAN_NAME, virtualHost);
            } else {
                context.addApplicationListener(
                        (ApplicationListener<ContextClosedEvent>) event -> virtualHost.destroy());
            }
            String app = MergedAnnotations.from(this.testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                    .get(BrokerTest.class)
                    .getString("user");
            String username = broker.username();
            String password = broker.password();
            if (!app.isEmpty()) {
                broker.declareSharedTopology(vhost);
                BrokerUser user = virtualHost.newUser(app);
                username = user.username();
                password = user.password();
                TestPropertyValues.of("hub.messaging.topology.declare-shared=false")
                        .applyTo(context);
            }
            TestPropertyValues.of(
                            "spring.rabbitmq.host=" + broker.host(),
                            "spring.rabbitmq.port=" + broker.amqpPort(),
                            "spring.rabbitmq.username=" + username,
                            "spring.rabbitmq.password=" + password,
                            "spring.rabbitmq.virtual-host=" + vhost)
                    .applyTo(context);
        }
    }
}
