package com.example.hub.dms;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Answers the hub's requests to the DMS ({@code dms_queue}) from a simulated, in-memory DMS. */
@SpringBootApplication
@EnableConfigurationProperties(DmsProperties.class)
public class DmsAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(DmsAdapterApplication.class, args);
    }
}
