package com.example.hub.onec.send;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.example.hub.messaging.envelope.MessageEnvelope;
import com.example.hub.messaging.envelope.RoutingKey;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.schema.HubSchemasAutoConfiguration;
import com.example.hub.messaging.schema.InvalidMessageException;
import com.example.hub.messaging.schema.SchemaViolation;
import com.example.hub.onec.TestClients;
import com.example.hub.onec.journal.Journal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 1C endpoints with the message schemas on, as the application has them: a body its schema ({@code
 * http/send_to_dms}, {@code http/send_to_crm}) rejects is a 400 problem body of the same shape as ever, each error with
 * the schema's location of it; the invalid requests of {@link SendControllerTests} name the same fields.
 */
@WebMvcTest(SendController.class)
@Import({RequestSender.class, TestClients.AsOnec.class})
@ImportAutoConfiguration(HubSchemasAutoConfiguration.class)
class SendSchemaTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @MockitoBean
    MessagePublisher publisher;

    @MockitoBean
    Journal journal;

    @BeforeEach
    void newRequestIds() {
        given(this.journal.tryStart(any())).willReturn(true);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("com.example.hub.onec.send.SendControllerTests#invalidRequests")
    void anInvalidRequestIsA400ProblemNamingEachBadFieldAsBefore(String path, String body, String[] fields)
            throws Exception {
        send(path, body).andExpectAll(SendControllerTests.invalidRequestNaming(fields));

        verify(this.publisher, never()).publish(any(RoutingKey.class), any(MessageEnvelope.class));
        verify(this.journal, never()).tryStart(any());
    }

    @Test
    void eachErrorCarriesTheSchemasLocation() throws Exception {
        send("/send_to_dms", """
                        {"request_id": "R1", "user_id": " ", "name": 42, "email": "not-an-email"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Invalid request: email, name, user_id"))
                .andExpect(jsonPath("$.errors.length()").value(3))
                .andExpect(jsonPath("$.errors[0].field").value("email"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a well-formed email address"))
                .andExpect(jsonPath("$.errors[0].location").value("/email"))
                .andExpect(jsonPath("$.errors[1].field").value("name"))
                .andExpect(jsonPath("$.errors[1].message").value("must be a string"))
                .andExpect(jsonPath("$.errors[1].location").value("/name"))
                .andExpect(jsonPath("$.errors[2].field").value("user_id"))
                .andExpect(jsonPath("$.errors[2].message").value("must not be blank"))
                .andExpect(jsonPath("$.errors[2].location").value("/user_id"));
    }

    @Test
    void aMissingFieldIsLocatedWhereItBelongs() throws Exception {
        send("/send_to_crm", """
                        {"request_id": "R2", "order_id": "O1", "needs_policy_info": "yes"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].field").value("needs_policy_info"))
                .andExpect(jsonPath("$.errors[0].message").value("must be true or false"))
                .andExpect(jsonPath("$.errors[0].location").value("/needs_policy_info"))
                .andExpect(jsonPath("$.errors[1].field").value("status"))
                .andExpect(jsonPath("$.errors[1].message").value("must not be blank"))
                .andExpect(jsonPath("$.errors[1].location").value("/status"));
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("com.example.hub.onec.send.SendControllerTests#badRequestIdsOnEveryEndpoint")
    void aRequestIdOutsideTheSafeSetNamesTheRuleAndItsLocation(
            String path, String requestId, Map<String, Object> fields) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("request_id", requestId);

        send(path, JSON.writeValueAsString(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Invalid request: request_id"))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("request_id"))
                .andExpect(jsonPath("$.errors[0].message").value(RequestIds.MESSAGE))
                .andExpect(jsonPath("$.errors[0].location").value("/request_id"));
    }

    @Test
    void theReadmesBodiesAndTheAliasNewStatusAreAccepted() throws Exception {
        send("/send_to_dms", """
                        {"request_id":"USER_REQ_001","user_id":"U12345","name":"Иванов Иван","email":"ivanov@example.com"}""").andExpect(status().isAccepted());
        send("/send_to_crm", """
                        {"request_id":"ORDER_REQ_002","order_id":"ORD9876","status":"Shipped","needs_policy_info":true}""").andExpect(status().isAccepted());
        send("/send_to_crm", """
                        {"request_id":"ORDER_REQ_003","order_id":"ORD9876","new_status":"Shipped","extra":"ignored"}""").andExpect(status().isAccepted());
    }

    @Test
    void aMessageThePublisherRefusesIsA500NotA503() throws Exception {
        willThrow(new InvalidMessageException(
                        "message",
                        "envelope",
                        List.of(new SchemaViolation("/payload/email", "must not be blank", "required"))))
                .given(this.publisher)
                .publish(any(RoutingKey.class), any(MessageEnvelope.class));

        send("/send_to_dms", """
                        {"request_id":"USER_REQ_500","user_id":"U1","name":"N","email":"n@example.com"}""")
                .andExpect(status().isInternalServerError())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.type").value("https://hub.example.com/problems/invalid-message"))
                .andExpect(jsonPath("$.detail")
                        .value("The request was not sent: Invalid message: payload.email must not be blank"));
        verify(this.journal).markNotSent(eq("USER_REQ_500"), eq(1), anyString());
    }

    @Test
    void aBodyBeyondTheLimitIsStillA413() throws Exception {
        send("/send_to_dms", """
                        {"request_id": "BIG", "user_id": "U1", "name": "%s", "email": "big@example.com"}
                        """.formatted("x".repeat(64 * 1024)))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("https://hub.example.com/problems/request-too-large"));
    }

    private ResultActions send(String path, String json) throws Exception {
        return this.mvc.perform(
                post(path).contentType(MediaType.APPLICATION_JSON).content(json));
    }
}
