package com.example.hub.onec.send;

import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Request ids of 1C: given by 1C, or generated when it left them out. A request id is a segment of the URL
 * {@code /requests/{request_id}}, so it is made of RFC 3986's unreserved characters only ({@code A-Z a-z 0-9 . _ ~
 * -}), 1 to 128 of them, and is neither {@code .} nor {@code ..} (which a URL would read as a relative path).
 */
final class RequestIds {

    static final int MAX_LENGTH = 128;

    /** The rule, as a regular expression over the whole id. */
    static final String PATTERN = "(?!\\.{1,2}$)[A-Za-z0-9._~-]{1," + MAX_LENGTH + "}";

    static final String MESSAGE =
            "must be 1 to " + MAX_LENGTH + " of the characters A-Z a-z 0-9 . _ ~ -" + " and not '.' or '..'";

    private static final String GENERATED_PREFIX = "REQ-";

    private RequestIds() {}

    static String orGenerate(@Nullable String requestId) {
        return requestId != null ? requestId : GENERATED_PREFIX + UUID.randomUUID();
    }

    /**
     * Where the journal shows a request: {@code /requests/{request_id}}, the id encoded as one path segment (every
     * character outside the unreserved set percent-encoded), so that the URL names exactly that request whatever the
     * id holds.
     *
     * @param requestId the request id
     * @return the path of the request in the journal
     */
    static URI location(String requestId) {
        return UriComponentsBuilder.fromPath("/requests/{request_id}")
                .encode()
                .buildAndExpand(requestId)
                .toUri();
    }
}
