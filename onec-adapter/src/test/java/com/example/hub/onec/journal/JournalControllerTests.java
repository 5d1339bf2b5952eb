package com.example.hub.onec.journal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.example.hub.onec.TestClients;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** How the journal shows over HTTP: the JSON of a request with its responses, listings, and their problem bodies. */
@WebMvcTest(JournalController.class)
@EnableConfigurationProperties(JournalProperties.class)
@Import(TestClients.AsOnec.class)
class JournalControllerTests {

    private static final Instant CREATED = Instant.parse("2026-01-10T08:00:00.123Z");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Journal journal;

    @Test
    void aRequestShowsWithItsAttemptsAndResponses() throws Exception {
        Instant received = CREATED.minusMillis(4);
        given(this.journal.find("R1")).willReturn(Optional.of(request("R1", RequestState.COMPLETED, 1, received)));
        given(this.journal.attemptsOf("R1"))
                .willReturn(List.of(new JournalAttempt(
                        1, "message-R1", RequestState.COMPLETED, null, received, CREATED.plusMillis(250), null)));
        given(this.journal.responsesOf("R1"))
                .willReturn(List.of(new JournalResponse(
                        "M1",
                        "R1",
                        "dms",
                        "user_created",
                        Map.of("status", "success"),
                        CREATED.plusMillis(250),
                        true,
                        1)));

        this.mvc
                .perform(get("/requests/R1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.request_id").value("R1"))
                .andExpect(jsonPath("$.target").value("DMS"))
                .andExpect(jsonPath("$.message_type").value("create_user"))
                .andExpect(jsonPath("$.state").value("COMPLETED"))
                .andExpect(jsonPath("$.submitted_by").value("1c"))
                .andExpect(jsonPath("$.reason").isEmpty())
                .andExpect(jsonPath("$.payload.user_id").value("U1"))
                .andExpect(jsonPath("$.created_at").value("2026-01-10T08:00:00.123Z"))
                .andExpect(jsonPath("$.received_at").value("2026-01-10T08:00:00.119Z"))
                .andExpect(jsonPath("$.accepted_at").value("2026-01-10T08:00:00.119Z"))
                .andExpect(jsonPath("$.completed_at").value("2026-01-10T08:00:00.373Z"))
                .andExpect(jsonPath("$.attempts[0].received_at").value("2026-01-10T08:00:00.119Z"))
                .andExpect(jsonPath("$.attempts[0].accepted_at").value("2026-01-10T08:00:00.119Z"))
                .andExpect(jsonPath("$.responses[0].source_system").value("dms"))
                .andExpect(jsonPath("$.responses[0].message_type").value("user_created"))
                .andExpect(jsonPath("$.responses[0].payload.status").value("success"))
                .andExpect(jsonPath("$.responses[0].received_at").value("2026-01-10T08:00:00.373Z"));
    }

    @Test
    void anUnknownRequestIsA404Problem() throws Exception {
        given(this.journal.find("NOPE")).willReturn(Optional.empty());

        this.mvc
                .perform(get("/requests/NOPE"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Request not found"))
                .andExpect(jsonPath("$.type").value("https://hub.example.com/problems/request-not-found"))
                .andExpect(jsonPath("$.request_id").value("NOPE"));
    }

    @Test
    void recentRequestsAreListedWithoutTheirResponses() throws Exception {
        given(this.journal.requests(3, null))
                .willReturn(List.of(request("R2", RequestState.ACCEPTED), request("R1", RequestState.FAILED)));

        this.mvc
                .perform(get("/requests").param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].request_id").value("R2"))
                .andExpect(jsonPath("$[1].request_id").value("R1"))
                .andExpect(jsonPath("$[0].responses").doesNotExist());
    }

    @Test
    void listingsShowFiftyByDefault() throws Exception {
        given(this.journal.requests(51, null)).willReturn(List.of());

        this.mvc
                .perform(get("/requests"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isArray());

        verify(this.journal).requests(51, null);
    }

    @Test
    void aLimitOutOfRangeIsA400ProblemNamingIt() throws Exception {
        for (String limit : List.of("0", "1001", "many")) {
            this.mvc
                    .perform(get("/requests").param("limit", limit))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                    .andExpect(jsonPath("$.errors[0].field").value("limit"));
        }
        verify(this.journal, never()).requests(anyInt(), any());
    }

    @Test
    void unmatchedResponsesNameTheirRequestIds() throws Exception {
        given(this.journal.unmatchedResponses(51, null))
                .willReturn(List.of(
                        new JournalResponse("M9", "GHOST", "crm", "order_updated", Map.of(), CREATED, false, null)));

        this.mvc
                .perform(get("/responses/unmatched"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].request_id").value("GHOST"))
                .andExpect(jsonPath("$[0].message_id").value("M9"))
                .andExpect(jsonPath("$[0].source_system").value("crm"));
    }

    @Test
    void aRequestShowsEveryAttemptAndTheAttemptEachResponseAnswered() throws Exception {
        JournalRequest request = request("R1", RequestState.COMPLETED, 2, Instant.now());
        given(this.journal.find("R1")).willReturn(Optional.of(request));
        given(this.journal.attemptsOf("R1"))
                .willReturn(List.of(
                        new JournalAttempt(
                                1, "M1", RequestState.FAILED, "DMS down", CREATED, CREATED.plusSeconds(1), null),
                        new JournalAttempt(
                                2,
                                "M2",
                                RequestState.COMPLETED,
                                null,
                                CREATED.plusSeconds(60),
                                null,
                                "4bf92f3577b34da6a3ce929d0e0e4736")));
        given(this.journal.responsesOf("R1"))
                .willReturn(List.of(
                        new JournalResponse("A1", "R1", "DMS", "error", Map.of(), CREATED.plusSeconds(1), true, 1),
                        new JournalResponse("A2", "R1", "DMS", "ok", Map.of(), CREATED.plusSeconds(61), true, 2)));

        this.mvc
                .perform(get("/requests/R1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.attempt").value(2))
                .andExpect(jsonPath("$.attempts.length()").value(2))
                .andExpect(jsonPath("$.attempts[0].attempt").value(1))
                .andExpect(jsonPath("$.attempts[0].message_id").value("M1"))
                .andExpect(jsonPath("$.attempts[0].state").value("FAILED"))
                .andExpect(jsonPath("$.attempts[0].reason").value("DMS down"))
                .andExpect(jsonPath("$.attempts[0].trace_id").doesNotExist())
                .andExpect(jsonPath("$.attempts[1].state").value("COMPLETED"))
                .andExpect(jsonPath("$.attempts[1].trace_id").value("4bf92f3577b34da6a3ce929d0e0e4736"))
                .andExpect(jsonPath("$.responses[0].attempt").value(1))
                .andExpect(jsonPath("$.responses[1].attempt").value(2));
    }

    @Test
    void anAcceptedRequestWithoutAnAnswerWithinAnHourShowsOverdue() throws Exception {
        Instant twoHoursAgo = Instant.now().minusSeconds(7200).truncatedTo(ChronoUnit.MILLIS);
        given(this.journal.find("LATE"))
                .willReturn(Optional.of(request("LATE", RequestState.ACCEPTED, 1, twoHoursAgo)));
        given(this.journal.find("FRESH"))
                .willReturn(Optional.of(request("FRESH", RequestState.ACCEPTED, 1, Instant.now())));
        given(this.journal.find("DONE")).willReturn(Optional.of(request("DONE", RequestState.FAILED, 1, twoHoursAgo)));

        this.mvc
                .perform(get("/requests/LATE"))
                .andExpect(jsonPath("$.state").value("OVERDUE"))
                .andExpect(jsonPath("$.overdue_since")
                        .value(twoHoursAgo.plusSeconds(3600).toString()));
        this.mvc
                .perform(get("/requests/FRESH"))
                .andExpect(jsonPath("$.state").value("ACCEPTED"))
                .andExpect(jsonPath("$.overdue_since").doesNotExist());
        this.mvc.perform(get("/requests/DONE")).andExpect(jsonPath("$.state").value("FAILED"));
    }

    @Test
    void aFullPageLinksToTheNextPageWhichStartsAfterItsLastEntry() throws Exception {
        given(this.journal.requests(3, null))
                .willReturn(List.of(
                        request("R3", RequestState.ACCEPTED),
                        request("R2", RequestState.ACCEPTED),
                        request("R1", RequestState.ACCEPTED)));
        String cursor = new PageKey(CREATED, "R2").cursor();

        this.mvc
                .perform(get("/requests").param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1].request_id").value("R2"))
                .andExpect(header().string("Link", "</requests?limit=2&after=" + cursor + ">; rel=\"next\""));

        given(this.journal.requests(3, new PageKey(CREATED, "R2")))
                .willReturn(List.of(request("R1", RequestState.ACCEPTED)));
        this.mvc
                .perform(get("/requests").param("limit", "2").param("after", cursor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].request_id").value("R1"))
                .andExpect(header().doesNotExist("Link"));
    }

    @Test
    void anOffsetOrABadCursorIsA400ProblemNamingIt() throws Exception {
        for (String path : List.of("/requests", "/responses/unmatched")) {
            this.mvc
                    .perform(get(path).param("offset", "20"))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                    .andExpect(jsonPath("$.type").value("https://hub.example.com/problems/invalid-request"))
                    .andExpect(jsonPath("$.errors[0].field").value("offset"));
            for (String cursor : List.of("not a cursor", "bm90LWEtY3Vyc29y", "")) {
                this.mvc
                        .perform(get(path).param("after", cursor))
                        .andExpect(status().isBadRequest())
                        .andExpect(jsonPath("$.errors[0].field").value("after"));
            }
        }
        verify(this.journal, never()).requests(anyInt(), any());
        verify(this.journal, never()).unmatchedResponses(anyInt(), any());
    }

    private static JournalRequest request(String requestId, RequestState state) {
        return request(requestId, state, 1, CREATED);
    }

    private static JournalRequest request(String requestId, RequestState state, int attempt, Instant receivedAt) {
        return new JournalRequest(
                requestId,
                "DMS",
                "create_user",
                Map.of("user_id", "U1"),
                "hash",
                state,
                null,
                "message-" + requestId,
                CREATED,
                CREATED,
                receivedAt,
                state.isFinal() ? CREATED.plusMillis(250) : null,
                null,
                null,
                null,
                attempt,
                "1c");
    }
}
