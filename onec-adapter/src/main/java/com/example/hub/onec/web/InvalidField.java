package com.example.hub.onec.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the {@code errors} of a problem body: what is wrong with which field.
 *
 * @param field the field's JSON name ({@code email}, {@code needs_policy_info}), {@code body} for the body as a whole,
 *     or the header or query parameter at fault
 * @param message what is wrong with it
 * @param location where the request's JSON Schema found it, as a JSON pointer into the body ({@code /email}, {@code
 *     ""} for the body as a whole); absent when the schema did not find it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InvalidField(String field, String message, @Nullable String location) {

    InvalidField(String field, String message) {
        this(field, message, null);
    }
}
