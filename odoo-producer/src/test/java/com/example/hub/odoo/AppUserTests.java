package com.example.hub.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.BrokerTestVirtualHost;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The producer under least privilege, as compose runs it: its own broker user may publish product events to {@code
 * odoo_events_exchange} and nothing else, and it declares nothing; the shared topology was declared by an
 * administrator.
 */
@SpringBootTest(
        properties = "spring.main.web-application-type=none",
        args = {"--count=3", "--product-id=PROD-APP-USER", "--name=Least privilege", "--price=9.99"})
@BrokerTest(user = "odoo")
class AppUserTests {

    @Autowired
    ProducerRunner runner;

    @Autowired
    BrokerTestVirtualHost virtualHost;

    @Test
    void publishesItsEventsAsItsOwnUserAndDeclaresNothing() {
        assertThat(this.runner.getExitCode()).isEqualTo(ProducerRunner.ALL_CONFIRMED);

        List<JsonNode> events =
                this.virtualHost.broker().management().peek(this.virtualHost.name(), HubTopology.ODOO_EVENTS_QUEUE, 10);
        assertThat(events)
                .hasSize(3)
                .allSatisfy(event ->
                        assertThat(event.path("routing_key").asString()).isEqualTo("product.product_updated"));
        assertThat(this.virtualHost.broker().management().queueExists(this.virtualHost.name(), "odoo_events.retry.1s"))
                .isFalse();
    }
}
