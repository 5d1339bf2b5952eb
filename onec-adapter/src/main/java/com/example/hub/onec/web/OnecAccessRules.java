package com.example.hub.onec.web;

import com.example.hub.security.HubAccessRules;
import com.example.hub.security.HubRoles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may use the adapter's endpoints: sending a request into the hub needs {@code SEND} (1C), reading the journal
 * and the API's description (its OpenAPI document and Swagger UI) {@code READ}. The actuator's endpoints and everything else are ruled by common-security.
 */
@Component
class OnecAccessRules implements HubAccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(HttpMethod.POST, "/send_to_dms", "/send_to_crm")
                .hasRole(HubRoles.SEND)
                .requestMatchers(HttpMethod.GET, "/requests", "/requests/**", "/responses/**")
                .hasRole(HubRoles.READ)
                .requestMatchers(
                        HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .hasRole(HubRoles.READ);
    }
}
