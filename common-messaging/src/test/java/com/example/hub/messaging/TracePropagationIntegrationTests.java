package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.testsupport.BrokerTest;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * One trace across an AMQP hop through a real broker: a message published within a trace is processed by its listener
 * in the same trace, as a child of the publish.
 */
@SpringBootTest(classes = MessagingTestApplication.class, properties = "spring.application.name=trace-tests")
@Import(TracePropagationIntegrationTests.Spans.class)
@BrokerTest
class TracePropagationIntegrationTests {

    @Autowired
    MessagePublisher publisher;

    @Autowired
    Tracer tracer;

    @Autowired
    InMemorySpanExporter spans;

    @Test
    void theListenerProcessesAMessageInTheTraceItWasPublishedIn() {
        MessageEnvelope request = MessageEnvelope.request("TRACE-1", "1C", "DMS", "create_user", Map.of());
        Span request1C = this.tracer.nextSpan().name("1C request").start();
        String traceId = request1C.context().traceId();
        try (Tracer.SpanInScope scope = this.tracer.withSpan(request1C)) {
            this.publisher.publish(request.requestKey(), request);
        } finally {
            request1C.end();
        }

        await().untilAsserted(() -> assertThat(inTrace(traceId))
                .extracting(SpanData::getName)
                .anySatisfy(name -> assertThat(name).contains("send"))
                .anySatisfy(name -> assertThat(name).contains("receive")));
        SpanData received = inTrace(traceId).stream()
                .filter(span -> span.getName().contains("receive"))
                .findFirst()
                .orElseThrow();
        assertThat(received.getParentSpanId()).isNotEqualTo(request1C.context().spanId());
        assertThat(received.getParentSpanContext().isRemote())
                .as("continued from the message's trace context")
                .isTrue();
    }

    private List<SpanData> inTrace(String traceId) {
        return this.spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Spans {

        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }
}
