package com.example.hub.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Runs a Spring test class against the real test broker ({@link TestBroker}) in a virtual host of its own: the
 * virtual host is created before the class's application context starts and deleted after it closed, when the class
 * is done. The context's {@code spring.rabbitmq.*} connection properties point at it, and a {@link
 * BrokerTestVirtualHost} bean names it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface BrokerTest {}
