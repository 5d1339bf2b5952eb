package com.example.hub.creatio;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the fake. The defaults live here as well as in application.yml, because another module's
 * application.yml shadows this one when the fake runs in-process from that module's tests.
 *
 * @param username the only user name that can log in (env {@code CREATIO_USERNAME})
 * @param password its password (env {@code CREATIO_PASSWORD})
 * @param strictOrders whether a PATCH of an unknown order answers 404 instead of creating the order (env
 *     {@code FAKE_CREATIO_STRICT_ORDERS})
 * @param testControls the {@code /test-control} endpoints
 */
@ConfigurationProperties("fake-creatio")
public record FakeCreatioProperties(
        @DefaultValue("Supervisor") String username,
        @DefaultValue("Supervisor") String password,
        @DefaultValue("false") boolean strictOrders,
        @DefaultValue TestControls testControls) {

    /** @param enabled whether {@code /test-control/**} is served (env {@code FAKE_CREATIO_TEST_CONTROLS}) */
    public record TestControls(@DefaultValue("false") boolean enabled) {}
}
