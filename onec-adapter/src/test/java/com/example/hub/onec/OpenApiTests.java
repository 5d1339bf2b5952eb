package com.example.hub.onec;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.BrokerTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** 1C's API described over real HTTP: the OpenAPI document and Swagger UI, for a reader's key only. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:onec-openapi-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@BrokerTest
class OpenApiTests {

    @LocalServerPort
    int port;

    @Test
    void theDocumentDescribesBothEndpointsTheirAnswersTheDeprecatedAcceptedAtAndTheApiKey() {
        HttpReply reply = HttpReply.get(HttpReply.client(this.port, TestClients.READER_KEY), "/v3/api-docs");

        assertThat(reply.status()).isEqualTo(HttpStatus.OK);
        JsonNode document = reply.body();
        for (String path : new String[] {"/send_to_dms", "/send_to_crm"}) {
            JsonNode post = document.get("paths").get(path).get("post");
            assertThat(post.get("responses").propertyNames())
                    .as(path)
                    .contains("202", "400", "401", "403", "409", "413", "415", "503");
            assertThat(post.get("responses").get("409").get("content").has(MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                    .isTrue();
            assertThat(post.get("requestBody").toString()).as(path).contains("request_id");
        }
        assertThat(document.get("paths").has("/requests/{requestId}")
                        || document.get("paths").has("/requests/{request_id}"))
                .isTrue();
        JsonNode request =
                document.get("components").get("schemas").get("RequestView").get("properties");
        assertThat(request.get("accepted_at").get("deprecated").asBoolean())
                .as("the old name of received_at, kept for one release")
                .isTrue();
        JsonNode apiKey = document.get("components").get("securitySchemes").get("apiKey");
        assertThat(apiKey.get("in").asString()).isEqualTo("header");
        assertThat(apiKey.get("name").asString()).isEqualTo("X-API-Key");
    }

    @Test
    void swaggerUiIsServedToAReaderAndNothingWithoutAKey() {
        ResponseEntity<String> page = HttpReply.client(this.port, TestClients.READER_KEY)
                .get()
                .uri("/swagger-ui/index.html")
                .retrieve()
                .toEntity(String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("swagger-ui");
        assertThat(HttpReply.get(HttpReply.client(this.port, null), "/v3/api-docs")
                        .status())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
