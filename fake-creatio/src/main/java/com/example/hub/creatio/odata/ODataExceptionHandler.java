package com.example.hub.creatio.odata;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Answers errors in Creatio's OData shape, {@code {"error":{"code":"","message":"..."}}}. */
@RestControllerAdvice
class ODataExceptionHandler {

    @ExceptionHandler(ODataException.class)
    ResponseEntity<ODataError> odata(ODataException e) {
        return error(e.status(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ODataError> unreadable(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "The request body is not valid JSON.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ODataError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ODataError.of("The requested resource does not support http method '" + e.getMethod() + "'."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ODataError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return error(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "The request entity's media type '" + e.getContentType() + "' is not supported for this resource.");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ODataError> notFound(NoResourceFoundException e) {
        return error(
                HttpStatus.NOT_FOUND,
                "No HTTP resource was found that matches the request URI '/" + e.getResourcePath() + "'.");
    }

    private static ResponseEntity<ODataError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ODataError.of(message));
    }
}
