package com.example.hub.crm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CrmAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrmAdapterApplication.class, args);
    }
}
