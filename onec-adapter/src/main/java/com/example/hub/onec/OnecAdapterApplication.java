package com.example.hub.onec;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The 1C adapter: 1C posts its requests over HTTP, the adapter publishes them to the hub and journals them together
 * with the responses that come back on {@code 1c_queue}.
 */
@SpringBootApplication
@EnableConfigurationProperties(OnecProperties.class)
public class OnecAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(OnecAdapterApplication.class, args);
    }
}
