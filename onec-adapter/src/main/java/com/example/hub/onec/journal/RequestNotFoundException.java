package com.example.hub.onec.journal;

import com.example.hub.onec.web.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The journal knows no request with the id asked for: 404 with a problem body. */
class RequestNotFoundException extends ErrorResponseException {

    RequestNotFoundException(String requestId) {
        super(HttpStatus.NOT_FOUND, problem(requestId), null);
    }

    private static ProblemDetail problem(String requestId) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No request with id '" + requestId + "'");
        problem.setType(ProblemTypes.REQUEST_NOT_FOUND);
        problem.setTitle("Request not found");
        problem.setProperty("request_id", requestId);
        return problem;
    }
}
