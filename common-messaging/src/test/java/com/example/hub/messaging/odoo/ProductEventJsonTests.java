package com.example.hub.messaging.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class ProductEventJsonTests {

    private static final String UPDATED = """
            {"eventId":"evt-1","eventType":"PRODUCT_UPDATED","timestamp":"2025-05-20T10:00:00Z",\
            "payload":{"productId":"PROD-98765","name":"New Product Name","price":199.99}}""";

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void writesTheCamelCaseJsonOfOdoosClients() {
        ProductEvent event = new ProductEvent(
                "evt-1",
                ProductEventType.PRODUCT_UPDATED,
                Instant.parse("2025-05-20T10:00:00Z"),
                new ProductEvent.Payload("PROD-98765", "New Product Name", new BigDecimal("199.99")));

        assertThat(this.json.writeValueAsString(event)).isEqualTo(UPDATED);
    }

    @Test
    void readsTheJsonOfOdoosClientsAndIgnoresUnknownFields() {
        ProductEvent event = this.json.readValue(UPDATED.replace("}}", "},\"source\":\"odoo\"}"), ProductEvent.class);

        assertThat(event)
                .isEqualTo(new ProductEvent(
                        "evt-1",
                        ProductEventType.PRODUCT_UPDATED,
                        Instant.parse("2025-05-20T10:00:00Z"),
                        new ProductEvent.Payload("PROD-98765", "New Product Name", new BigDecimal("199.99"))));
    }

    @Test
    void aDeletedProductCarriesOnlyItsId() {
        ProductEvent event = new ProductEvent(
                "evt-2",
                ProductEventType.PRODUCT_DELETED,
                Instant.parse("2025-05-20T10:00:00Z"),
                new ProductEvent.Payload("PROD-1", null, null));

        assertThat(this.json.writeValueAsString(event))
                .isEqualTo("{\"eventId\":\"evt-2\",\"eventType\":\"PRODUCT_DELETED\","
                        + "\"timestamp\":\"2025-05-20T10:00:00Z\",\"payload\":{\"productId\":\"PROD-1\"}}");
    }

    @Test
    void readsTimestampsAsOdoosClientsWriteThemWithoutAnOffsetMeaningUtc() {
        List<String> written = List.of("2025-05-20T10:00:00.000Z", "2025-05-20T12:00:00+02:00", "2025-05-20T10:00:00");

        assertThat(written)
                .extracting(timestamp -> this.json
                        .readValue(UPDATED.replace("2025-05-20T10:00:00Z", timestamp), ProductEvent.class)
                        .timestamp())
                .containsOnly(Instant.parse("2025-05-20T10:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "1747735200"})
    void aTimestampThatIsNoIsoDateTimeIsNotRead(String timestamp) {
        String sent = UPDATED.replace("\"2025-05-20T10:00:00Z\"", timestamp);

        assertThatExceptionOfType(DatabindException.class)
                .isThrownBy(() -> this.json.readValue(sent, ProductEvent.class))
                .withMessageContaining("java.time.Instant");
    }

    @Test
    void theRoutingKeyOfAnEventTypeIsUnderProduct() {
        assertThat(ProductEventType.PRODUCT_CREATED.routingKey()).isEqualTo("product.product_created");
        assertThat(ProductEventType.PRODUCT_UPDATED.routingKey()).isEqualTo("product.product_updated");
        assertThat(ProductEventType.PRODUCT_DELETED.routingKey()).isEqualTo("product.product_deleted");
    }
}
