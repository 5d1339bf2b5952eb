package com.example.hub.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The operator's console of dead letters: keeps a ledger of every dead-letter queue of the hub, groups the failures by
 * cause, and replays or discards them over its REST API, with an audit trail.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HubConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(HubConsoleApplication.class, args);
    }
}
