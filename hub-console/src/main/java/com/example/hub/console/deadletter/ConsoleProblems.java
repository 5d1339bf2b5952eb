package com.example.hub.console.deadletter;

import java.net.URI;
import java.util.Collection;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The console's problem bodies (RFC 9457). */
final class ConsoleProblems {

    private static final String BASE = "https://hub.example.com/problems/";

    private ConsoleProblems() {}

    static ErrorResponseException notFound(long id) {
        ErrorResponseException error = problem(
                HttpStatus.NOT_FOUND,
                "dead-letter-not-found",
                "Dead letter not found",
                "The ledger has no dead letter " + id);
        error.getBody().setProperty("id", id);
        return error;
    }

    static ErrorResponseException groupNotFound(String group) {
        ErrorResponseException error = problem(
                HttpStatus.NOT_FOUND,
                "group-not-found",
                "Group of failures not found",
                "The ledger has no group " + group);
        error.getBody().setProperty("group", group);
        return error;
    }

    static ErrorResponseException alreadyHandled(Collection<Long> ids) {
        ErrorResponseException error = problem(
                HttpStatus.CONFLICT,
                "already-replayed",
                "Dead letter already replayed",
                "Dead letters " + ids + " were already replayed or discarded: replay them again with ?confirm=true");
        error.getBody().setProperty("ids", ids);
        return error;
    }

    static ErrorResponseException alreadyDiscarded(Collection<Long> ids) {
        ErrorResponseException error = problem(
                HttpStatus.CONFLICT,
                "already-discarded",
                "Dead letter already discarded",
                "Dead letters " + ids + " were already discarded");
        error.getBody().setProperty("ids", ids);
        return error;
    }

    static ErrorResponseException notReplayable(long id, String why) {
        ErrorResponseException error = problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "not-replayable",
                "Dead letter not replayable",
                "Dead letter " + id + " cannot be replayed: " + why);
        error.getBody().setProperty("id", id);
        return error;
    }

    static ErrorResponseException brokerUnavailable(long id, String why) {
        ErrorResponseException error = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "broker-unavailable",
                "Broker did not take the replay",
                "Dead letter " + id + " was not replayed: " + why);
        error.getBody().setProperty("id", id);
        return error;
    }

    static ErrorResponseException ledgerUnavailable() {
        ErrorResponseException error = problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "ledger-unavailable",
                "Ledger unavailable",
                "The console's database cannot be reached; try again later");
        error.getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
        return error;
    }

    static ErrorResponseException invalid(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }

    private static ErrorResponseException problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + type));
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
