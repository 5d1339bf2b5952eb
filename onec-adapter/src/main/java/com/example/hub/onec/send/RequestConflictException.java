package com.example.hub.onec.send;

import com.example.hub.onec.web.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The request id was already used for a request with another body: 409 with a problem body. */
class RequestConflictException extends ErrorResponseException {

    RequestConflictException(String requestId) {
        super(HttpStatus.CONFLICT, problem(requestId), null);
    }

    private static ProblemDetail problem(String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT,
                "Request id '" + requestId + "' was already used for a request with another body;"
                        + " send a new request id, or the same body to repeat the request");
        problem.setType(ProblemTypes.REQUEST_ID_CONFLICT);
        problem.setTitle("Request id already used");
        problem.setProperty("request_id", requestId);
        return problem;
    }
}
