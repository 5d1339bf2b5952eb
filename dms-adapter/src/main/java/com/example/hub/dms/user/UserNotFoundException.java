package com.example.hub.dms.user;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The DMS has no user with the requested user id: a 404 with an RFC 9457 problem body. */
class UserNotFoundException extends ErrorResponseException {

    UserNotFoundException(String userId) {
        super(HttpStatus.NOT_FOUND, problem(userId), null);
    }

    private static ProblemDetail problem(String userId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_FOUND, "The DMS has no user with user_id '" + userId + "'");
        problem.setTitle("DMS user not found");
        problem.setProperty("user_id", userId);
        return problem;
    }
}
