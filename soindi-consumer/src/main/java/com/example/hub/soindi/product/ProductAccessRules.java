package com.example.hub.soindi.product;

import com.example.hub.security.HubAccessRules;
import com.example.hub.security.HubRoles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Reading SOINDI's products needs {@code READ}. The actuator's endpoints and everything else are ruled by
 * common-security.
 */
@Component
class ProductAccessRules implements HubAccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(HttpMethod.GET, "/products", "/products/**").hasRole(HubRoles.READ);
    }
}
