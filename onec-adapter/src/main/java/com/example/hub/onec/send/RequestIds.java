package com.example.hub.onec.send;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Request ids of 1C: given by 1C, or generated when it left them out. */
final class RequestIds {

    static final int MAX_LENGTH = 128;

    /** Not blank, no whitespace, no slash: a request id is part of the URL {@code /requests/{request_id}}. */
    static final String PATTERN = "[^\\s/]+";

    static final String MESSAGE = "must not be blank nor contain whitespace or '/'";

    private RequestIds() {}

    static String orGenerate(@Nullable String requestId) {
        return requestId != null ? requestId : "REQ-" + UUID.randomUUID();
    }
}
