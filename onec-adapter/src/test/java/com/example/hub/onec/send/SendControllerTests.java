package com.example.hub.onec.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
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
import com.example.hub.messaging.logging.ListenerLogContext;
import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.messaging.publish.PublishException;
import com.example.hub.onec.TestClients;
import com.example.hub.onec.journal.Journal;
import com.example.hub.onec.journal.Submission;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP contract of {@code /send_to_dms} and {@code /send_to_crm}: what is accepted, what is published, and the
 * problem body of every kind of invalid request. The publisher and the journal are test doubles here; the real broker
 * and database are exercised by the integration tests.
 */
@WebMvcTest(SendController.class)
@Import({RequestSender.class, TestClients.AsOnec.class})
class SendControllerTests {

    private static final String DMS_BODY = """
            {"request_id": "USER_REQ_001", "user_id": "U12345", "name": "Иванов Иван", "email": "ivanov@example.com"}
            """;

    private static final String CRM_BODY = """
            {"request_id": "ORDER_REQ_002", "order_id": "ORD9876", "status": "Shipped", "needs_policy_info": true}
            """;

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

    @Test
    void aUserForDmsIsPublishedAndAccepted() throws Exception {
        send("/send_to_dms", DMS_BODY)
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/requests/USER_REQ_001"))
                .andExpect(jsonPath("$.status").value("success"))
                .andExpect(jsonPath("$.message").value("Request sent to DMS"))
                .andExpect(jsonPath("$.request_id").value("USER_REQ_001"))
                .andExpect(jsonPath("$.attempt").value(1));

        MessageEnvelope envelope = published("1c.request.dms.create_user");
        assertThat(envelope.context()).isEqualTo(Map.of("attempt", 1));
        assertThat(envelope.requestId()).isEqualTo("USER_REQ_001");
        assertThat(envelope.sourceSystem()).isEqualTo("1C");
        assertThat(envelope.targetSystem()).isEqualTo("DMS");
        assertThat(envelope.messageType()).isEqualTo("create_user");
        assertThat(envelope.messageId()).isNotBlank();
        assertThat(envelope.payload())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("user_id", "U12345", "name", "Иванов Иван", "email", "ivanov@example.com"));
        verify(this.journal).markAccepted("USER_REQ_001", 1);
        // the client whose API key sent it
        ArgumentCaptor<Submission> submission = ArgumentCaptor.forClass(Submission.class);
        verify(this.journal).tryStart(submission.capture());
        assertThat(submission.getValue().submittedBy()).isEqualTo("1c");
    }

    @Test
    void theRequestIsNamedInTheLoggingContextWhileItIsSentAndNotAfter() throws Exception {
        AtomicReference<String> whileSent = new AtomicReference<>();
        given(this.journal.tryStart(any())).willAnswer(invocation -> {
            whileSent.set(MDC.get(ListenerLogContext.REQUEST_ID));
            return true;
        });

        send("/send_to_dms", DMS_BODY).andExpect(status().isAccepted());

        assertThat(whileSent.get()).isEqualTo("USER_REQ_001");
        assertThat(MDC.get(ListenerLogContext.REQUEST_ID)).isNull();
    }

    @Test
    void anOrderStatusForCrmIsPublishedAndAccepted() throws Exception {
        send("/send_to_crm", CRM_BODY)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.message").value("Request sent to CRM"))
                .andExpect(jsonPath("$.request_id").value("ORDER_REQ_002"));

        MessageEnvelope envelope = published("1c.request.crm.update_order_status");
        assertThat(envelope.targetSystem()).isEqualTo("CRM");
        assertThat(envelope.payload())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("order_id", "ORD9876", "new_status", "Shipped", "needs_policy_info", true));
    }

    @Test
    void newStatusIsAnotherNameForStatusAndPolicyInfoIsNotNeededUnlessAsked() throws Exception {
        send("/send_to_crm", """
                        {"request_id": "ORDER_REQ_003", "order_id": "ORD1", "new_status": "Delivered",
                         "policy_number": "POL-77"}
                        """).andExpect(status().isAccepted());

        assertThat(published("1c.request.crm.update_order_status").payload())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "order_id", "ORD1",
                        "new_status", "Delivered",
                        "needs_policy_info", false,
                        "policy_number", "POL-77"));
    }

    @Test
    void aRequestWithoutARequestIdGetsOne() throws Exception {
        send("/send_to_dms", """
                        {"user_id": "U1", "name": "Petrov", "email": "petrov@example.com"}
                        """)
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.request_id").value(matchesPattern("REQ-[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.request_id").value(matchesPattern(RequestIds.PATTERN)));

        ArgumentCaptor<Submission> submission = ArgumentCaptor.forClass(Submission.class);
        verify(this.journal).tryStart(submission.capture());
        assertThat(submission.getValue().requestId()).startsWith("REQ-");
        assertThat(published("1c.request.dms.create_user").requestId())
                .isEqualTo(submission.getValue().requestId());
    }

    @Test
    void aRequestTheBrokerDidNotConfirmIsA503AndIsNotKeptAsSent() throws Exception {
        willThrow(new PublishException(PublishException.Reason.NACKED, "The broker refused the message"))
                .given(this.publisher)
                .publish(any(RoutingKey.class), any(MessageEnvelope.class));

        send("/send_to_dms", DMS_BODY)
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.title").value("Message broker unavailable"))
                .andExpect(jsonPath("$.type").value("https://hub.example.com/problems/broker-unavailable"))
                .andExpect(jsonPath("$.reason").value("NACKED"))
                .andExpect(jsonPath("$.detail").value(not(emptyString())));

        verify(this.journal).markNotSent(anyString(), eq(1), anyString());
        verify(this.journal, never()).markAccepted(anyString(), anyInt());
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                Arguments.of("/send_to_dms", """
                        {"request_id": "R1", "name": "Ivanov", "email": "ivanov@example.com"}""", new String[] {"user_id"}),
                Arguments.of("/send_to_dms", """
                        {"request_id": "R1", "user_id": " ", "name": "", "email": "ivanov@example.com"}""", new String[] {"user_id", "name"}),
                Arguments.of("/send_to_dms", """
                        {"request_id": "R1", "user_id": "U1", "name": "Ivanov", "email": "not-an-email"}""", new String[] {"email"}),
                Arguments.of("/send_to_dms", """
                        {"request_id": "  ", "user_id": "U1", "name": "Ivanov", "email": "ivanov@example.com"}""", new String[] {"request_id"}),
                Arguments.of("/send_to_dms", """
                        {"request_id": "R1", "user_id": "U1", "name": 42, "email": "ivanov@example.com"}""", new String[] {"name"}),
                Arguments.of("/send_to_dms", "{}", new String[] {"user_id", "name", "email"}),
                Arguments.of("/send_to_dms", "not json", new String[] {"body"}),
                Arguments.of("/send_to_dms", "{\"user_id\": \"U1\",", new String[] {"body"}),
                Arguments.of("/send_to_dms", "[\"U1\"]", new String[] {"body"}),
                Arguments.of("/send_to_dms", "", new String[] {"body"}),
                Arguments.of("/send_to_crm", """
                        {"request_id": "R2", "order_id": "O1", "status": "Shipped", "needs_policy_info": "yes"}""", new String[] {"needs_policy_info"}),
                Arguments.of("/send_to_crm", """
                        {"request_id": "R2", "order_id": "O1", "needs_policy_info": true}""", new String[] {"status"}),
                Arguments.of("/send_to_crm", """
                        {"request_id": "R2", "order_id": 9876, "status": "Shipped"}""", new String[] {"order_id"}),
                Arguments.of("/send_to_crm", """
                        {"request_id": "R2", "order_id": "O1", "status": "Shipped", "policy_number": " "}""", new String[] {"policy_number"}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidRequests")
    void anInvalidRequestIsA400ProblemNamingEachBadField(String path, String body, String[] fields) throws Exception {
        send(path, body).andExpectAll(invalidRequestNaming(fields));

        verify(this.publisher, never()).publish(any(RoutingKey.class), any(MessageEnvelope.class));
        verify(this.journal, never()).tryStart(any());
    }

    /**
     * Ids with a character outside the safe set of {@link RequestIds}: each reserved character of RFC 3986
     * (gen-delims {@code :/?#[]@} and sub-delims {@code !$&'()*+,;=}), {@code %}, space, a control character, and
     * non-ASCII ones.
     */
    static Stream<String> requestIdsWithAnUnsafeCharacter() {
        Stream<String> reserved = ":/?#[]@!$&'()*+,;=% \t\u007f".chars().mapToObj(c -> "ODD" + (char) c + "x=1");
        Stream<String> nonAscii = Stream.of("ODD\u00e9", "Иванов", "ODD\u00a0", "ODD\uff1b", "ODD\ud83d\ude00");
        return Stream.concat(reserved, nonAscii);
    }

    /** Ids that break the rule: those with an unsafe character, the dot segments, and ids too short or too long. */
    static Stream<String> badRequestIds() {
        return Stream.concat(
                requestIdsWithAnUnsafeCharacter(), Stream.of(".", "..", "", "A".repeat(RequestIds.MAX_LENGTH + 1)));
    }

    static Stream<String> goodRequestIds() {
        String unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
        return Stream.of(
                "A",
                "...",
                ".hidden",
                "ORDER_REQ_002",
                "a-b.c_d~e",
                unreserved,
                unreserved.repeat(2).substring(0, RequestIds.MAX_LENGTH));
    }

    static Stream<Arguments> badRequestIdsOnEveryEndpoint() {
        return badRequestIds()
                .flatMap(id -> Stream.of(
                        Arguments.of(
                                "/send_to_dms",
                                id,
                                Map.of("user_id", "U1", "name", "Ivanov", "email", "i@example.com")),
                        Arguments.of("/send_to_crm", id, Map.of("order_id", "O1", "status", "Shipped"))));
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @MethodSource("badRequestIdsOnEveryEndpoint")
    void aRequestIdOutsideTheSafeSetIsA400ProblemNamingTheFieldAndTheRule(
            String path, String requestId, Map<String, Object> fields) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("request_id", requestId);

        send(path, JSON.writeValueAsString(body))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(header().doesNotExist("Location"))
                .andExpect(jsonPath("$.type").value("https://hub.example.com/problems/invalid-request"))
                .andExpect(jsonPath("$.detail").value("Invalid request: request_id"))
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("request_id"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value("must be 1 to 128 of the characters A-Z a-z 0-9 . _ ~ - and not '.' or '..'"));

        verify(this.publisher, never()).publish(any(RoutingKey.class), any(MessageEnvelope.class));
        verify(this.journal, never()).tryStart(any());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("goodRequestIds")
    void aRequestIdInTheSafeSetIsAcceptedAndItsLocationNamesExactlyIt(String requestId) throws Exception {
        assertThat(requestId).hasSizeLessThanOrEqualTo(RequestIds.MAX_LENGTH);

        send("/send_to_crm", """
                        {"request_id": "%s", "order_id": "O1", "status": "Shipped"}
                        """.formatted(requestId))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/requests/" + requestId))
                .andExpect(jsonPath("$.request_id").value(requestId));

        assertThat(published("1c.request.crm.update_order_status").requestId()).isEqualTo(requestId);
    }

    /**
     * Whatever a request id holds, its location is {@code /requests/} and one path segment that Spring MVC reads back
     * as exactly that id: no path parameter, no other segment, no query or fragment.
     */
    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("requestIdsWithAnUnsafeCharacter")
    void theLocationOfAnyRequestIdIsOneEncodedSegmentNamingExactlyIt(String requestId) {
        URI location = RequestIds.location(requestId);

        assertThat(location.getRawQuery()).isNull();
        assertThat(location.getRawFragment()).isNull();
        assertThat(location.getRawPath()).startsWith("/requests/").matches("/requests/[A-Za-z0-9._~%-]*");
        List<PathContainer.Element> elements =
                PathContainer.parsePath(location.getRawPath()).elements();
        assertThat(elements).hasSize(4);
        assertThat(elements.get(3)).isInstanceOfSatisfying(PathContainer.PathSegment.class, segment -> {
            assertThat(segment.valueToMatch()).isEqualTo(requestId);
            assertThat(segment.parameters()).isEmpty();
        });
    }

    @Test
    void aBodyThatIsNotJsonIsA415Problem() throws Exception {
        this.mvc
                .perform(post("/send_to_dms").contentType(MediaType.TEXT_PLAIN).content("user_id=U1"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.status").value(415))
                .andExpect(jsonPath("$.type").value("https://hub.example.com/problems/unsupported-media-type"))
                .andExpect(jsonPath("$.errors[0].field").value("Content-Type"))
                .andExpect(jsonPath("$.errors[0].message").value("must be application/json"));
    }

    @Test
    void aBodyLargerThan64KibIsA413Problem() throws Exception {
        String body = """
                {"request_id": "BIG", "user_id": "U1", "name": "%s", "email": "big@example.com"}
                """.formatted("x".repeat(64 * 1024));

        send("/send_to_dms", body)
                .andExpect(status().isContentTooLarge())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.status").value(413))
                .andExpect(jsonPath("$.type").value("https://hub.example.com/problems/request-too-large"))
                .andExpect(jsonPath("$.errors[0].field").value("body"));

        verify(this.journal, never()).tryStart(any());
    }

    /**
     * The answer to an invalid request: a 400 problem body naming exactly the bad fields, each with a message.
     *
     * @param fields the bad fields
     * @return the matchers, for {@link ResultActions#andExpectAll}
     */
    static ResultMatcher[] invalidRequestNaming(String... fields) {
        return new ResultMatcher[] {
            status().isBadRequest(),
            header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE),
            jsonPath("$.type").value("https://hub.example.com/problems/invalid-request"),
            jsonPath("$.title").value("Invalid request"),
            jsonPath("$.status").value(400),
            jsonPath("$.detail").value(not(emptyString())),
            jsonPath("$.errors[*].field").value(containsInAnyOrder((Object[]) fields)),
            jsonPath("$.errors[*].message").value(everyItem(not(emptyString())))
        };
    }

    private ResultActions send(String path, String json) throws Exception {
        return this.mvc.perform(
                post(path).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private MessageEnvelope published(String routingKey) {
        ArgumentCaptor<RoutingKey> key = ArgumentCaptor.forClass(RoutingKey.class);
        ArgumentCaptor<MessageEnvelope> envelope = ArgumentCaptor.forClass(MessageEnvelope.class);
        verify(this.publisher).publish(key.capture(), envelope.capture());
        assertThat(key.getValue()).hasToString(routingKey);
        return envelope.getValue();
    }
}
