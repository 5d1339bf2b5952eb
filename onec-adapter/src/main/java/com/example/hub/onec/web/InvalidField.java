package com.example.hub.onec.web;

/**
 * One entry of the {@code errors} of a problem body: what is wrong with which field.
 *
 * @param field the field's JSON name ({@code email}, {@code needs_policy_info}), {@code body} for the body as a whole,
 *     or the header or query parameter at fault
 * @param message what is wrong with it
 */
record InvalidField(String field, String message) {}
