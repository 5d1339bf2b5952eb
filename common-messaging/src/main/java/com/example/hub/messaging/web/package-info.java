/**
 * Problem bodies (RFC 9457) for every error of a web application, including those Tomcat answers itself before Spring
 * MVC sees the request, and the limits of what Tomcat accepts in a request's headers.
 */
@NullMarked
package com.example.hub.messaging.web;

import org.jspecify.annotations.NullMarked;
