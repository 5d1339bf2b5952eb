package com.example.hub.dms.user;

import com.example.hub.security.HubAccessRules;
import com.example.hub.security.HubRoles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Reading the DMS's users needs {@code READ}. The actuator's endpoints and everything else are ruled by
 * common-security.
 */
@Component
class UserAccessRules implements HubAccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(HttpMethod.GET, "/users/**").hasRole(HubRoles.READ);
    }
}
