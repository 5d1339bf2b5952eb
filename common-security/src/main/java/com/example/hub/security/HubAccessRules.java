package com.example.hub.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * An application's own authorisation rules: which of its paths need which role. The hub's filter chain applies them
 * after its own (the probes open, every actuator endpoint for {@link HubRoles#OPERATOR}) and denies every request
 * that no rule matches.
 *
 * <pre class="code">
 * &#64;Bean
 * HubAccessRules journalRules() {
 *     return requests -&gt; requests.requestMatchers(HttpMethod.GET, "/requests/**").hasRole(HubRoles.READ);
 * }
 * </pre>
 */
@FunctionalInterface
public interface HubAccessRules {

    /**
     * Adds this application's rules.
     *
     * @param requests the registry of request authorisation rules
     */
    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
}
