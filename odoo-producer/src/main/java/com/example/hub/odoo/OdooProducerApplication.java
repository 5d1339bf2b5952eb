package com.example.hub.odoo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Publishes Odoo product events to {@code odoo_events_exchange} and exits: 0 when the broker confirmed every event, 1
 * when it did not (or could not be reached, or refused the producer), 2 for invalid arguments.
 */
@SpringBootApplication
public class OdooProducerApplication {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the producer once, as {@link #main(String[])} does, without ending the JVM.
     *
     * @param args the command-line arguments
     * @return the exit code
     */
    static int run(String... args) {
        return SpringApplication.exit(SpringApplication.run(OdooProducerApplication.class, args));
    }
}
