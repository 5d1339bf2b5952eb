package com.example.hub.creatio;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A stand-in for Creatio CRM: AuthService login, OData 4 {@code Order} and {@code OrderStatus} with {@code $metadata}
 * and, when enabled, test controls for fault injection. See README.md of this module.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FakeCreatioApplication {

    public static void main(String[] args) {
        SpringApplication.run(FakeCreatioApplication.class, args);
    }
}
