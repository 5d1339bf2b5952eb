/**
 * HTTP authentication of the hub's applications by API key ({@code X-API-Key}, or {@code Authorization: Bearer}), its authorisation roles, problem
 * bodies for 401 and 403, and the check that refuses to start in production with default or weak settings.
 */
@NullMarked
package com.example.hub.security;

import org.jspecify.annotations.NullMarked;
