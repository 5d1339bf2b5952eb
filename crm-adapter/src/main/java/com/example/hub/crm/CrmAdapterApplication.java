package com.example.hub.crm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Applies the hub's order status updates to Creatio CRM ({@code crm_queue}), asking DMS for the order's policy first
 * when the requester wants it recorded.
 */
@SpringBootApplication
@EnableScheduling
public class CrmAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrmAdapterApplication.class, args);
    }
}
