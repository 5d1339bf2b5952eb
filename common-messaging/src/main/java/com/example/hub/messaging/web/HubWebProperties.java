package com.example.hub.messaging.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of what a web application's Tomcat accepts, under {@code hub.web}, beside Boot's own ({@code
 * server.max-http-request-header-size}, {@code server.tomcat.max-parameter-count}, ...).
 *
 * @param maxHeaderCount the most headers a request may have; one with more is answered 400 with a problem body
 */
@ConfigurationProperties("hub.web")
public record HubWebProperties(@DefaultValue("100") int maxHeaderCount) {}
