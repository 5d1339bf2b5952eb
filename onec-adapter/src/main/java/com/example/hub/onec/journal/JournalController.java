package com.example.hub.onec.journal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Shows the journal: what happened to each request of 1C, and the responses no request claimed. */
@RestController
class JournalController {

    private final Journal journal;

    private final JournalProperties properties;

    JournalController(Journal journal, JournalProperties properties) {
        this.journal = journal;
        this.properties = properties;
    }

    @GetMapping("/requests/{request_id}")
    RequestView request(@PathVariable("request_id") String requestId) {
        JournalRequest request =
                this.journal.find(requestId).orElseThrow(() -> new RequestNotFoundException(requestId));
        return RequestView.of(
                request,
                this.journal.attemptsOf(requestId),
                this.journal.responsesOf(requestId),
                this.properties,
                Instant.now());
    }

    @GetMapping("/requests")
    List<RequestView> recentRequests(@RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(1000) int limit) {
        Instant now = Instant.now();
        return this.journal.recent(limit).stream()
                .map(request -> RequestView.of(request, this.properties, now))
                .toList();
    }

    @GetMapping("/responses/unmatched")
    List<ResponseView> unmatchedResponses(
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(1000) int limit) {
        return this.journal.unmatchedResponses(limit).stream()
                .map(ResponseView::unmatched)
                .toList();
    }
}
