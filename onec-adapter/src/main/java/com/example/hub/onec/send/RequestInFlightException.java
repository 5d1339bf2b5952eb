package com.example.hub.onec.send;

import com.example.hub.onec.web.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Another attempt with the same request id is still publishing, and did not finish in time: 503 with a problem body,
 * to be retried.
 */
class RequestInFlightException extends ErrorResponseException {

    RequestInFlightException(String requestId) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(requestId), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
    }

    private static ProblemDetail problem(String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Request '" + requestId + "' is still being sent by an earlier attempt; retry it");
        problem.setType(ProblemTypes.REQUEST_IN_FLIGHT);
        problem.setTitle("Request still being sent");
        problem.setProperty("request_id", requestId);
        return problem;
    }
}
