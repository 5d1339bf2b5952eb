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
 *
 * <p>With {@link #user()}, the application connects as that application of the hub would in compose: the shared
 * topology is imported as the administrator ({@link TestBroker#declareSharedTopology}), the application gets a user
 * of its own with exactly compose's permissions ({@link TestBroker#newUser}), and it declares only its retry queues
 * ({@code hub.messaging.topology.declare-shared=false}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface BrokerTest {

    /**
     * The application of the hub whose broker user and permissions the test's application has ({@code onec}, {@code
     * dms}, {@code crm}, {@code soindi}, {@code odoo}: see {@code docker/rabbitmq/app-permissions.conf}); empty for the
     * test broker's own user with all permissions, which declares everything.
     *
     * @return the application's key, or empty
     */
    String user() default "";
}
