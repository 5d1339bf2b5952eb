package com.example.hub.creatio.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Creatio's answer to a login: always HTTP 200, {@code Code} 0 for success and 1 for bad credentials. */
@JsonPropertyOrder({"Code", "Message", "Exception", "PasswordChangeUrl", "RedirectUrl"})
record LoginResponse(
        @JsonProperty("Code") int code,
        @JsonProperty("Message") String message,
        @JsonProperty("Exception") Object exception,
        @JsonProperty("PasswordChangeUrl") String passwordChangeUrl,
        @JsonProperty("RedirectUrl") String redirectUrl) {

    static final String BAD_CREDENTIALS = "Either user name or password specified incorrectly";

    static LoginResponse success() {
        return new LoginResponse(0, "", null, null, null);
    }

    static LoginResponse badCredentials() {
        return new LoginResponse(1, BAD_CREDENTIALS, null, null, null);
    }
}
