package com.example.hub.messaging;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.failure.PermanentMessageException;
import com.example.hub.messaging.topology.HubTopology;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.handler.annotation.Payload;

/** A minimal application with one listener on {@code dms_queue} whose behaviour each message's type chooses. */
@SpringBootConfiguration
@EnableAutoConfiguration
class MessagingTestApplication {

    @Bean
    RecordingListener recordingListener() {
        return new RecordingListener();
    }

    static class RecordingListener {

        final List<MessageEnvelope> processed = new CopyOnWriteArrayList<>();

        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        /** The logging context (MDC) each message was processed in, by message id. */
        final Map<String, Map<String, String>> logContexts = new ConcurrentHashMap<>();

        @RabbitListener(queues = HubTopology.DMS_QUEUE)
        void onMessage(@Payload @Valid MessageEnvelope envelope) {
            int attempt = this.attempts
                    .computeIfAbsent(envelope.messageId(), id -> new AtomicInteger())
                    .incrementAndGet();
            Map<String, String> logContext = MDC.getCopyOfContextMap();
            this.logContexts.put(envelope.messageId(), logContext == null ? Map.of() : logContext);
            switch (envelope.messageType()) {
                case "fails_twice" -> {
                    if (attempt <= 2) {
                        throw new IllegalStateException("Downstream unavailable (attempt " + attempt + ")");
                    }
                }
                case "always_fails" -> throw new IllegalStateException("Downstream still unavailable");
                case "fails_then_is_refused" -> {
                    if (attempt == 1) {
                        throw new IllegalStateException("Downstream unavailable (attempt 1)");
                    }
                    throw new PermanentMessageException("Downstream refused the message (attempt " + attempt + ")");
                }
                default -> {}
            }
            this.processed.add(envelope);
        }

        /** Every response to CRM fails: its processing depends on a system that is down. */
        @RabbitListener(queues = HubTopology.CRM_QUEUE)
        void onCrmMessage(@Payload MessageEnvelope envelope) {
            this.attempts
                    .computeIfAbsent(envelope.messageId(), id -> new AtomicInteger())
                    .incrementAndGet();
            throw new IllegalStateException("Downstream of CRM unavailable");
        }

        int attemptsOf(String messageId) {
            AtomicInteger count = this.attempts.get(messageId);
            return count == null ? 0 : count.get();
        }
    }
}
