package com.example.hub.onec.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.example.hub.messaging.publish.MessagePublisher;
import com.example.hub.onec.TestClients;
import com.example.hub.onec.journal.Journal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * No more requests to {@code /send_to_*} are worked on at once than {@code onec.max-concurrent-sends} allows: one
 * more is answered 503 with {@code Retry-After} and neither journalled nor published, and a slot is free again once a
 * request has its answer, whichever answer it is.
 */
@WebMvcTest(SendController.class)
@Import({RequestSender.class, TestClients.AsOnec.class})
@TestPropertySource(properties = "onec.max-concurrent-sends=2")
class SendLimitTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    MessagePublisher publisher;

    @MockitoBean
    Journal journal;

    private final CountDownLatch brokerSlow = new CountDownLatch(1);

    private final List<CompletableFuture<MvcResult>> inFlight = new ArrayList<>();

    private final ExecutorService clients = Executors.newFixedThreadPool(2);

    @AfterEach
    void releaseTheBroker() {
        this.brokerSlow.countDown();
        this.inFlight.forEach(CompletableFuture::join);
        this.clients.shutdownNow();
    }

    @Test
    void aRequestBeyondTheLimitIsAnswered503WithoutBeingJournalledOrSent() throws Exception {
        given(this.journal.tryStart(any())).willReturn(true);
        willAnswer(invocation -> this.brokerSlow.await(30, TimeUnit.SECONDS))
                .given(this.publisher)
                .publish(any(), any());
        sendInBackground("SLOW-1");
        sendInBackground("SLOW-2");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mockingDetails(this.publisher).getInvocations().size() == 2);

        this.mvc
                .perform(post("/send_to_dms")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body("THIRD")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.type").value("https://hub.example.com/problems/too-busy"))
                .andExpect(jsonPath("$.limit").value(2));
        verify(this.journal, never())
                .tryStart(argThat(submission -> submission.requestId().equals("THIRD")));

        this.brokerSlow.countDown();
        this.inFlight.forEach(
                future -> assertThat(future.join().getResponse().getStatus()).isEqualTo(202));
        this.mvc
                .perform(post("/send_to_dms")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body("FOURTH")))
                .andExpect(status().isAccepted());
        verify(this.publisher, atLeast(3)).publish(any(), any());
    }

    @Test
    void aFailedRequestFreesItsSlot() throws Exception {
        given(this.journal.tryStart(any())).willThrow(new DataAccessResourceFailureException("the journal broke"));
        for (int i = 0; i < 5; i++) {
            this.mvc
                    .perform(post("/send_to_dms")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body("BROKEN-" + i)))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.type").value("https://hub.example.com/problems/journal-unavailable"));
        }
    }

    private void sendInBackground(String requestId) {
        this.inFlight.add(CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return this.mvc
                                .perform(post("/send_to_dms")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content(body(requestId)))
                                .andReturn();
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                },
                this.clients));
    }

    private static String body(String requestId) {
        return """
                {"request_id": "%s", "user_id": "U-%s", "name": "Ivanov", "email": "ivanov@example.com"}
                """.formatted(requestId, requestId);
    }
}
