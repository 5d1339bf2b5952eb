package com.example.hub.testsupport.http;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Assertions on the RFC 9457 problem bodies ({@code application/problem+json}) that every app answers errors with. */
public final class ProblemAssertions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemAssertions() {}

    /**
     * Asserts that an answer is a client error with a problem body: status 4xx, content type {@code
     * application/problem+json}, a body whose {@code status} is the answer's and whose {@code title} is not blank.
     *
     * @param reply the answer
     * @return the problem body, for further assertions
     */
    public static JsonNode assertProblem(RawHttp.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.get("status").asInt()).as(reply.toString()).isEqualTo(reply.status());
        assertThat(body.get("title").asString()).as(reply.toString()).isNotBlank();
        return body;
    }
}
