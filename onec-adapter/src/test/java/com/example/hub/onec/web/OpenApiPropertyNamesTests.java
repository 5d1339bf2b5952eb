package com.example.hub.onec.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.BrokerTest;
import com.example.hub.testsupport.security.TestApiKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v3/api-docs} names the journal's properties as its JSON has them, snake_case: Jackson 3's naming of the
 * views, which springdoc's Jackson 2 does not see by itself.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties =
                "spring.datasource.url=jdbc:h2:mem:onec-openapi-names-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@BrokerTest
class OpenApiPropertyNamesTests {

    @LocalServerPort
    int port;

    @Test
    void theJournalsViewsHaveTheirSnakeCaseNames() {
        String document = RestClient.create("http://localhost:" + this.port)
                .get()
                .uri("/v3/api-docs")
                .header(TestApiKeys.HEADER, TestApiKeys.READER_KEY)
                .retrieve()
                .body(String.class);
        JsonNode schemas = JsonMapper.builder()
                .build()
                .readTree(document)
                .path("components")
                .path("schemas");

        assertThat(schemas.path("RequestView").path("properties").propertyNames())
                .contains("request_id", "message_type", "received_at", "accepted_at", "overdue_since")
                .doesNotContain("requestId", "messageType", "receivedAt");
        assertThat(schemas.path("ResponseView").path("properties").propertyNames())
                .contains("message_type")
                .doesNotContain("messageType");
    }
}
