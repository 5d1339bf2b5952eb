package com.example.hub.console.deadletter;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The operator's REST API of dead letters, under {@code /dead-letters}: list and filter, show one, the groups of
 * failures, replay one, a selection or a group, discard with a note, and the audit trail.
 */
@RestController
@RequestMapping("/dead-letters")
class DeadLetterController {

    static final int MAX_LIMIT = 1000;

    private final Ledger ledger;

    private final Replayer replayer;

    private final AuditTrail audit;

    DeadLetterController(Ledger ledger, Replayer replayer, AuditTrail audit) {
        this.ledger = ledger;
        this.replayer = replayer;
        this.audit = audit;
    }

    @GetMapping
    Ledger.Page list(
            @RequestParam(required = false) @Nullable String queue,
            @RequestParam(name = "message_type", required = false) @Nullable String messageType,
            @RequestParam(name = "failure_kind", required = false) @Nullable String failureKind,
            @RequestParam(required = false) @Nullable String text,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String group,
            @RequestParam(name = "message_id", required = false) @Nullable String messageId,
            @RequestParam(name = "request_id", required = false) @Nullable String requestId,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ConsoleProblems.invalid("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0) {
            throw ConsoleProblems.invalid("offset must not be negative");
        }
        return this.ledger.search(
                new DeadLetterFilter(
                        queue, messageType, failureKind, text, from, to, state, group, messageId, requestId),
                limit,
                offset);
    }

    @GetMapping("/{id:\\d+}")
    DeadLetter show(@PathVariable long id) {
        return this.ledger.find(id).orElseThrow(() -> ConsoleProblems.notFound(id));
    }

    @GetMapping("/groups")
    List<FailureGroup> groups() {
        return this.ledger.groups();
    }

    @GetMapping("/audit")
    List<AuditTrail.Entry> audit(
            @RequestParam(name = "dead_letter_id", required = false) @Nullable Long deadLetterId,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ConsoleProblems.invalid("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
        }
        return this.audit.latest(deadLetterId, limit);
    }

    @PostMapping("/{id:\\d+}/replay")
    AuditTrail.Entry replay(
            @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean confirm,
            @RequestBody(required = false) @Nullable Note note,
            Principal client) {
        return this.replayer.replay(id, confirm, client.getName(), note != null ? note.note() : null);
    }

    @PostMapping("/replay")
    Replayer.Outcome replaySelection(
            @RequestParam(defaultValue = "false") boolean confirm, @RequestBody Selection selection, Principal client) {
        return this.replayer.replayAll(selection.checkedIds(), confirm, client.getName(), selection.note());
    }

    /**
     * Replays the dead letters of a group that are neither replayed nor discarded; with {@code confirm=true} also
     * those replayed before.
     */
    @PostMapping("/groups/{group}/replay")
    Replayer.Outcome replayGroup(
            @PathVariable String group,
            @RequestParam(defaultValue = "false") boolean confirm,
            @RequestBody(required = false) @Nullable Note note,
            Principal client) {
        if (!this.ledger.groupExists(group)) {
            throw ConsoleProblems.groupNotFound(group);
        }
        List<String> states = confirm ? List.of(DeadLetter.PENDING, DeadLetter.REPLAYED) : List.of(DeadLetter.PENDING);
        return this.replayer.replayAll(
                this.ledger.idsOfGroup(group, states), true, client.getName(), note != null ? note.note() : null);
    }

    @PostMapping("/{id:\\d+}/discard")
    Map<String, List<Long>> discard(
            @PathVariable long id, @RequestBody(required = false) @Nullable Note note, Principal client) {
        return Map.of("discarded", this.replayer.discard(List.of(id), client.getName(), required(note)));
    }

    @PostMapping("/discard")
    Map<String, List<Long>> discardSelection(@RequestBody Selection selection, Principal client) {
        String note = required(selection.note() != null ? new Note(selection.note()) : null);
        return Map.of("discarded", this.replayer.discard(selection.checkedIds(), client.getName(), note));
    }

    /** Discards the dead letters of a group that are not discarded yet. */
    @PostMapping("/groups/{group}/discard")
    Map<String, List<Long>> discardGroup(
            @PathVariable String group, @RequestBody(required = false) @Nullable Note note, Principal client) {
        if (!this.ledger.groupExists(group)) {
            throw ConsoleProblems.groupNotFound(group);
        }
        List<Long> ids = this.ledger.idsOfGroup(group, List.of(DeadLetter.PENDING, DeadLetter.REPLAYED));
        return Map.of("discarded", this.replayer.discard(ids, client.getName(), required(note)));
    }

    /** The ledger's database is down: 503, to be tried again, rather than a server error. */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ErrorResponseException ledgerUnavailable() {
        return ConsoleProblems.ledgerUnavailable();
    }

    private static String required(@Nullable Note note) {
        if (note == null || note.note() == null || note.note().isBlank()) {
            throw ConsoleProblems.invalid("A discard needs a note: {\"note\": \"why\"}");
        }
        return note.note().strip();
    }

    /**
     * An operator's note on an action.
     *
     * @param note the note
     */
    record Note(@Nullable String note) {}

    /**
     * Dead letters chosen by their numbers.
     *
     * @param ids their numbers, 1 to {@value #MAX_LIMIT}
     * @param note the operator's note
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Selection(@Nullable List<Long> ids, @Nullable String note) {

        List<Long> checkedIds() {
            if (this.ids == null || this.ids.isEmpty() || this.ids.size() > MAX_LIMIT || this.ids.contains(null)) {
                throw ConsoleProblems.invalid("ids must name 1 to " + MAX_LIMIT + " dead letters");
            }
            return this.ids.stream().distinct().toList();
        }
    }
}
