package com.example.hub.soindi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The legacy system SOINDI: applies Odoo's product events from the queue {@code odoo_events}, each exactly once. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SoindiConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SoindiConsumerApplication.class, args);
    }
}
