package com.example.hub.system.fault;

/**
 * A request the load sent to 1C, with 1C's answer.
 *
 * @param requestId its unique request id
 * @param kind what it asked
 * @param subject the user id or order id it is about, unique as well
 * @param status 1C's HTTP status, -1 for none (refused, timed out)
 */
record SentRequest(String requestId, RequestKind kind, String subject, int status) {

    boolean accepted() {
        return this.status == 202;
    }
}
