package com.example.hub.messaging.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers the errors that reach the servlet container's error page ({@code server.error.path}, {@code /error}) with a
 * problem body instead of Boot's error JSON or page: a failure outside Spring MVC's handlers, a request the container
 * turned away (an undecodable query string, {@code TRACE}), whatever the client accepts. The error page asked for
 * directly is not found.
 */
@Controller
final class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 404;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        return ResponseEntity.status(status)
                .header(HttpHeaders.CONTENT_TYPE, ProblemBodies.CONTENT_TYPE)
                .body(ProblemBodies.of(status, message instanceof String text ? text : null));
    }
}
