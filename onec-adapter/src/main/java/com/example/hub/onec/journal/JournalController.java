package com.example.hub.onec.journal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Shows the journal: what happened to each request of 1C, and the responses no request claimed. Listings are pages of
 * at most {@code limit} entries (1 to 1,000, 50 by default), newest first; when there are more, the {@code Link}
 * header names the next page ({@code rel="next"}), which starts after the last entry shown ({@code after}, a cursor),
 * so that entries recorded meanwhile neither shift nor repeat the pages that follow.
 */
@RestController
class JournalController {

    private static final String OFFSET_UNSUPPORTED =
            "is not supported: follow the Link header's rel=\"next\" page (after=<cursor>)";

    private static final String INVALID_CURSOR = "must be a cursor from the Link header of this listing";

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
    ResponseEntity<List<RequestView>> requests(
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(1000) int limit,
            @RequestParam(name = "after", required = false) @Nullable String after,
            @RequestParam(name = "offset", required = false) @Nullable String offset) {
        List<JournalRequest> requests = this.journal.requests(limit + 1, pageKey(after, offset));
        Instant now = Instant.now();
        return page(
                "/requests",
                limit,
                requests,
                request -> new PageKey(request.createdAt(), request.requestId()),
                request -> RequestView.of(request, this.properties, now));
    }

    @GetMapping("/responses/unmatched")
    ResponseEntity<List<ResponseView>> unmatchedResponses(
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(1000) int limit,
            @RequestParam(name = "after", required = false) @Nullable String after,
            @RequestParam(name = "offset", required = false) @Nullable String offset) {
        return page(
                "/responses/unmatched",
                limit,
                this.journal.unmatchedResponses(limit + 1, pageKey(after, offset)),
                response -> new PageKey(response.receivedAt(), response.messageId()),
                ResponseView::unmatched);
    }

    /** A page of at most {@code limit} entries from {@code limit + 1} read, with a link to the next when there is one. */
    private static <T, V> ResponseEntity<List<V>> page(
            String path, int limit, List<T> entries, Function<T, PageKey> key, Function<T, V> view) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        List<T> shown = entries;
        if (entries.size() > limit) {
            shown = entries.subList(0, limit);
            String next = UriComponentsBuilder.fromPath(path)
                    .queryParam("limit", limit)
                    .queryParam("after", key.apply(shown.getLast()).cursor())
                    .build()
                    .toUriString();
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(shown.stream().map(view).toList());
    }

    private static @Nullable PageKey pageKey(@Nullable String after, @Nullable String offset) {
        if (offset != null) {
            throw new InvalidPageException("offset", OFFSET_UNSUPPORTED);
        }
        if (after == null) {
            return null;
        }
        try {
            return PageKey.of(after);
        } catch (IllegalArgumentException ex) {
            throw new InvalidPageException("after", INVALID_CURSOR);
        }
    }
}
