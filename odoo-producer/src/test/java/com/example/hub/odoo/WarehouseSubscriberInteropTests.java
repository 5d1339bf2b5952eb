package com.example.hub.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.testsupport.PythonExample;
import com.example.hub.testsupport.TemporaryVirtualHost;
import com.example.hub.testsupport.TestBroker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Python warehouse subscriber ({@code examples/python/warehouse_subscriber.py}) gets this producer's events. */
@ExtendWith(OutputCaptureExtension.class)
class WarehouseSubscriberInteropTests {

    private static final int EVENTS = 25;

    @RegisterExtension
    final TemporaryVirtualHost temporaryVirtualHost = new TemporaryVirtualHost();

    private final TestBroker broker = this.temporaryVirtualHost.broker();

    private final JsonMapper jsonMapper = new JsonMapper();

    private String virtualHost;

    private PythonExample subscriber;

    @Test
    void thePythonWarehouseSubscriberReceivesEveryEventOfTheJavaProducer(CapturedOutput output) {
        this.virtualHost = this.temporaryVirtualHost.create("warehouse-interop");
        this.subscriber = PythonExample.start(
                "warehouse_subscriber.py", this.broker, this.virtualHost, "--max", "" + EVENTS, "--timeout", "60");
        this.temporaryVirtualHost.closeAfterTest(this.subscriber::stop);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(this.subscriber.output()).contains("listening on warehouse_odoo_events"));

        int exitCode = OdooProducerApplication.run(
                ProducerRuns.arguments(this.broker, this.virtualHost, "--count=" + EVENTS, "--event-type=created"));

        assertThat(exitCode).isZero();
        assertThat(this.subscriber.waitFor(Duration.ofSeconds(60)))
                .as("subscriber's exit code; its output:%n%s", this.subscriber.output())
                .isZero();
        List<String> sent = output.getOut()
                .lines()
                .filter(line -> line.startsWith("confirmed product.product_created "))
                .map(line -> line.substring("confirmed product.product_created ".length()))
                .toList();
        List<String> received = this.subscriber.linesStartingWith("received product.product_created ");
        assertThat(sent).hasSize(EVENTS);
        assertThat(received.stream().map(this::event).toList())
                .containsExactlyElementsOf(sent.stream().map(this::event).toList());
        assertThat(this.subscriber.output()).contains(EVENTS + " product event(s) received on warehouse_odoo_events");
    }

    private JsonNode event(String json) {
        return this.jsonMapper.readTree(json);
    }
}
