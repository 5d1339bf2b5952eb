package com.example.hub.onec.web;

import java.net.URI;

/** The {@code type} URIs of the adapter's problem bodies (RFC 9457). */
public final class ProblemTypes {

    private static final String BASE = "https://hub.example.com/problems/";

    /** A field of the request is missing, blank, malformed or of the wrong JSON type; or the body is not JSON. */
    public static final URI INVALID_REQUEST = URI.create(BASE + "invalid-request");

    /** The request body is larger than the adapter accepts. */
    public static final URI REQUEST_TOO_LARGE = URI.create(BASE + "request-too-large");

    /** The request's content type is not {@code application/json}. */
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");

    /** The request id was already used with another body. */
    public static final URI REQUEST_ID_CONFLICT = URI.create(BASE + "request-id-conflict");

    /** An earlier attempt with the same request id is still being sent. */
    public static final URI REQUEST_IN_FLIGHT = URI.create(BASE + "request-in-flight");

    /** The journal knows no such request. */
    public static final URI REQUEST_NOT_FOUND = URI.create(BASE + "request-not-found");

    /** The message broker did not take the request: it was not sent. */
    public static final URI BROKER_UNAVAILABLE = URI.create(BASE + "broker-unavailable");

    /** The adapter is already sending as many requests as it may ({@code onec.max-concurrent-sends}). */
    public static final URI TOO_BUSY = URI.create(BASE + "too-busy");

    /** The journal's database cannot be reached. */
    public static final URI JOURNAL_UNAVAILABLE = URI.create(BASE + "journal-unavailable");

    /** The adapter built a message that its schema rejects (a bug of the adapter): it was not sent. */
    public static final URI INVALID_MESSAGE = URI.create(BASE + "invalid-message");

    private ProblemTypes() {}
}
