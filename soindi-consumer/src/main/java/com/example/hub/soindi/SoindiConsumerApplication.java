package com.example.hub.soindi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The legacy system SOINDI: applies Odoo's product events from the queue {@code odoo_events}, each exactly once, and
 * removes its old records of applied events on a schedule.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SoindiConsumerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SoindiConsumerApplication.class, args);
    }
}
