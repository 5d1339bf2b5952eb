package com.example.hub.messaging.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.example.hub.messaging.HubMessagingAutoConfiguration;
import com.example.hub.messaging.failure.FailureClassifier;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.ListenerExecutionFailedException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON limits apply to Boot's {@code JsonMapper} and to the hub's message converter built from it; the converter
 * refuses a message larger than {@code hub.messaging.max-message-size} or {@code max-headers-size} before reading it,
 * as a permanent failure. No broker is needed: nothing here connects.
 */
class HubLimitsAutoConfigurationTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    HubLimitsAutoConfiguration.class,
                    JacksonAutoConfiguration.class,
                    RabbitAutoConfiguration.class,
                    HubMessagingAutoConfiguration.class))
            .withPropertyValues("spring.rabbitmq.publisher-confirm-type=correlated", "spring.application.name=tests");

    @Test
    void bootsJsonMapperReadsWithinTheLimits() {
        this.contexts.run(context -> {
            JsonMapper mapper = context.getBean(JsonMapper.class);
            assertThat(mapper.readTree("[".repeat(32) + "]".repeat(32))).isNotNull();
            assertThatExceptionOfType(StreamConstraintsException.class)
                    .isThrownBy(() -> mapper.readTree("[".repeat(33) + "]".repeat(33)));
            assertThatExceptionOfType(StreamConstraintsException.class)
                    .isThrownBy(() -> mapper.readTree("{\"n\": " + "1".repeat(101) + "}"));
            assertThat(mapper.rebuild().build().readTree("1".repeat(100))).isNotNull();
            assertThatExceptionOfType(StreamConstraintsException.class)
                    .isThrownBy(() -> mapper.rebuild().build().readTree("1".repeat(101)));
        });
    }

    @Test
    void theLimitsAreSettings() {
        this.contexts
                .withPropertyValues("hub.json.max-nesting-depth=3", "hub.json.max-number-length=5")
                .run(context -> {
                    JsonMapper mapper = context.getBean(JsonMapper.class);
                    assertThat(mapper.readTree("[[[]]]")).isNotNull();
                    assertThatExceptionOfType(StreamConstraintsException.class)
                            .isThrownBy(() -> mapper.readTree("[[[[]]]]"));
                    assertThatExceptionOfType(StreamConstraintsException.class)
                            .isThrownBy(() -> mapper.readTree("123456"));
                });
    }

    @Test
    void theMessageConverterRefusesTooDeepJsonAsAPermanentFailure() {
        this.contexts.run(context -> {
            MessageConverter converter = context.getBean(MessageConverter.class);
            Message deep = json("{\"a\": " + "[".repeat(100) + "]".repeat(100) + "}", Map.of());
            Throwable failure = catchFrom(converter, deep);
            assertThat(FailureClassifier.isPermanent(new ListenerExecutionFailedException("failed", failure)))
                    .isTrue();
        });
    }

    @Test
    void theMessageConverterRefusesTooLargeMessagesAsPermanentFailures() {
        this.contexts
                .withPropertyValues("hub.messaging.max-message-size=1KB", "hub.messaging.max-headers-size=100B")
                .run(context -> {
                    MessageConverter converter = context.getBean(MessageConverter.class);
                    assertThat(converter.fromMessage(json("{\"a\": \"" + "x".repeat(900) + "\"}", Map.of())))
                            .isInstanceOf(Map.class);
                    assertThat(catchFrom(converter, json("{\"a\": \"" + "x".repeat(1100) + "\"}", Map.of())))
                            .isInstanceOf(MessageTooLargeException.class)
                            .hasMessageContaining("hub.messaging.max-message-size");
                    Throwable headers = catchFrom(converter, json("{}", Map.of("x-big", "h".repeat(200))));
                    assertThat(headers)
                            .isInstanceOf(MessageTooLargeException.class)
                            .hasMessageContaining("hub.messaging.max-headers-size");
                    assertThat(FailureClassifier.isPermanent(new ListenerExecutionFailedException("failed", headers)))
                            .isTrue();
                    assertThat(converter.fromMessage(json("{}", Map.of("x-exception-stacktrace", "s".repeat(500)))))
                            .as("the stack trace that dead-lettering records is not counted")
                            .isInstanceOf(Map.class);
                });
    }

    private static Throwable catchFrom(MessageConverter converter, Message message) {
        try {
            converter.fromMessage(message);
        } catch (RuntimeException ex) {
            return ex;
        }
        throw new AssertionError("The message was read");
    }

    private static Message json(String body, Map<String, Object> headers) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        headers.forEach(properties::setHeader);
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }
}
