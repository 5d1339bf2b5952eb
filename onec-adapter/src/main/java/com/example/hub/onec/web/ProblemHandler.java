package com.example.hub.onec.web;

import com.example.hub.messaging.publish.PublishException;
import com.example.hub.messaging.schema.InvalidMessageException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Answers every failure with an RFC 9457 problem body ({@code application/problem+json}). Invalid requests get an
 * {@code errors} list naming each bad field by its JSON name: {@code [{"field": "email", "message": "..."}]}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

    private static final String BODY = "body";

    private static final String RETRY_AFTER_SECONDS = "5";

    private static final String BUSY_RETRY_AFTER_SECONDS = "1";

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new InvalidField(jsonName(error.getField()), message(error.getDefaultMessage())));
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.add(new InvalidField(BODY, message(error.getDefaultMessage()))));
        return handleExceptionInternal(ex, invalidRequest(status, errors), headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = cause(ex, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            HttpStatus payloadTooLarge = HttpStatus.CONTENT_TOO_LARGE;
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    payloadTooLarge, "The request body is larger than the limit of " + tooLarge.limit() + " bytes");
            problem.setType(ProblemTypes.REQUEST_TOO_LARGE);
            problem.setTitle("Request body too large");
            problem.setProperty(
                    "errors",
                    List.of(new InvalidField(BODY, "must not be larger than " + tooLarge.limit() + " bytes")));
            return handleExceptionInternal(ex, problem, headers, payloadTooLarge, request);
        }
        return handleExceptionInternal(ex, invalidRequest(status, List.of(unreadable(ex))), headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String contentType = ex.getContentType() != null ? "'" + ex.getContentType() + "'" : "none";
        String supported =
                ex.getSupportedMediaTypes().stream().map(Object::toString).collect(Collectors.joining(", "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                status, "Content-Type " + contentType + " is not supported: send " + supported);
        problem.setType(ProblemTypes.UNSUPPORTED_MEDIA_TYPE);
        problem.setTitle("Unsupported media type");
        problem.setProperty("errors", List.of(new InvalidField(HttpHeaders.CONTENT_TYPE, "must be " + supported)));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            RequestParam param = result.getMethodParameter().getParameterAnnotation(RequestParam.class);
            String name = param != null && !param.name().isEmpty()
                    ? param.name()
                    : String.valueOf(result.getMethodParameter().getParameterName());
            result.getResolvableErrors()
                    .forEach(error -> errors.add(new InvalidField(name, message(error.getDefaultMessage()))));
        });
        return handleExceptionInternal(ex, invalidRequest(status, errors), headers, status, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = ex.getPropertyName() != null ? ex.getPropertyName() : "parameter";
        String type = ex.getRequiredType() != null ? ex.getRequiredType().getSimpleName() : "another type";
        return handleExceptionInternal(
                ex,
                invalidRequest(status, List.of(new InvalidField(field, "must be of type " + type))),
                headers,
                status,
                request);
    }

    /** A body that its JSON Schema rejects: each bad field, what is wrong with it and where the schema found it. */
    @ExceptionHandler(InvalidRequestBodyException.class)
    ResponseEntity<ProblemDetail> invalidBody(InvalidRequestBodyException ex) {
        List<InvalidField> errors = ex.violations().stream()
                .map(violation -> new InvalidField(violation.field(), violation.message(), violation.location()))
                .toList();
        return ResponseEntity.badRequest().body(invalidRequest(HttpStatus.BAD_REQUEST, errors));
    }

    /**
     * A message that the adapter built from a valid request and that its schema rejects: a bug of the adapter, not of
     * the request nor of the broker, so neither a 400 nor a 503 that invites sending it again. It was not sent.
     */
    @ExceptionHandler(InvalidMessageException.class)
    ResponseEntity<ProblemDetail> invalidMessage(InvalidMessageException ex) {
        logger.error("The adapter built a message that its schema rejects: {}", ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "The request was not sent: " + ex.getMessage());
        problem.setType(ProblemTypes.INVALID_MESSAGE);
        problem.setTitle("Message refused by its schema");
        return ResponseEntity.internalServerError().body(problem);
    }

    /** A query string or form body that is not percent-encoded UTF-8 ({@code ?limit=%zz}): Tomcat cannot decode it. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameters(InvalidParameterException ex) {
        ProblemDetail problem = invalidRequest(
                HttpStatus.BAD_REQUEST, List.of(new InvalidField("query", "must be percent-encoded UTF-8 (RFC 3986)")));
        return ResponseEntity.badRequest().body(problem);
    }

    /** The broker did not take the request: it was not sent, and 1C may send it again. */
    @ExceptionHandler(AmqpException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(AmqpException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The request was not sent, send it again later: " + ex.getMessage());
        problem.setType(ProblemTypes.BROKER_UNAVAILABLE);
        problem.setTitle("Message broker unavailable");
        if (ex instanceof PublishException publishException) {
            problem.setProperty("reason", publishException.reason().name());
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    /** The adapter works on as many requests as it may: this one was neither recorded nor sent. */
    @ExceptionHandler(TooManySendsException.class)
    ResponseEntity<ProblemDetail> tooManySends(TooManySendsException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setType(ProblemTypes.TOO_BUSY);
        problem.setTitle("Too many requests in progress");
        problem.setProperty("limit", ex.limit());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, BUSY_RETRY_AFTER_SECONDS)
                .body(problem);
    }

    /** The journal's database failed: nothing can be recorded or shown. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> journalUnavailable(DataAccessException ex) {
        logger.error("The journal failed", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The journal cannot be reached, try again later");
        problem.setType(ProblemTypes.JOURNAL_UNAVAILABLE);
        problem.setTitle("Journal unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    private static ProblemDetail invalidRequest(HttpStatusCode status, List<InvalidField> errors) {
        List<InvalidField> sorted = errors.stream()
                .sorted(Comparator.comparing(InvalidField::field).thenComparing(InvalidField::message))
                .toList();
        String fields = sorted.stream().map(InvalidField::field).distinct().collect(Collectors.joining(", "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "Invalid request: " + fields);
        problem.setType(ProblemTypes.INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", sorted);
        return problem;
    }

    /** What is wrong with a body that could not be read as the request: its field of the wrong type, or all of it. */
    private static InvalidField unreadable(HttpMessageNotReadableException ex) {
        MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
        if (mismatch != null) {
            String path = path(mismatch);
            return path.isEmpty()
                    ? new InvalidField(BODY, "must be a JSON object")
                    : new InvalidField(path, expectation(mismatch.getTargetType()));
        }
        if (cause(ex, StreamReadException.class) != null) {
            return new InvalidField(BODY, "must be well-formed JSON");
        }
        if (cause(ex, JacksonException.class) != null) {
            return new InvalidField(BODY, "cannot be read: " + firstLine(ex.getMessage()));
        }
        return new InvalidField(BODY, "must be a JSON object, not empty");
    }

    private static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expectation(@Nullable Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != char.class)) {
            return "must be a number";
        }
        return "must be a JSON object";
    }

    private static String jsonName(String property) {
        return property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String message(@Nullable String message) {
        return message != null ? message : "is invalid";
    }

    private static String firstLine(@Nullable String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static <T extends Throwable> @Nullable T cause(Throwable failure, Class<T> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }
}
