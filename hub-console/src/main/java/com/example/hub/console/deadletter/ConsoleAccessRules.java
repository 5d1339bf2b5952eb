package com.example.hub.console.deadletter;

import com.example.hub.security.HubAccessRules;
import com.example.hub.security.HubRoles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Reading the ledger, its groups and its audit trail needs {@code READ}; replaying and discarding need {@code
 * OPERATOR}. The operator's page ({@code /}, {@code /index.html}) and its script and style sheet are open to anyone:
 * they hold no data, and every call they make to the API sends the key the operator enters. So is the hub's AsyncAPI
 * document ({@code /asyncapi.yaml}, its JSON rendering, the page that shows it, and the schemas its {@code $ref}s name):
 * it holds no secrets. The actuator's endpoints and everything else are ruled by common-security.
 */
@Component
class ConsoleAccessRules implements HubAccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(HttpMethod.GET, "/", "/index.html", "/console.js", "/console.css")
                .permitAll()
                .requestMatchers(
                        HttpMethod.GET,
                        "/asyncapi.yaml",
                        "/asyncapi.json",
                        "/asyncapi.html",
                        "/asyncapi.js",
                        "/asyncapi.css",
                        "/common-messaging/src/main/resources/hub/schemas/**")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/dead-letters", "/dead-letters/**")
                .hasRole(HubRoles.READ)
                .requestMatchers(HttpMethod.POST, "/dead-letters/**")
                .hasRole(HubRoles.OPERATOR);
    }
}
