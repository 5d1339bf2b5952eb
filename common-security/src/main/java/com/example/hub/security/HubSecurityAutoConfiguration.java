package com.example.hub.security;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint of the application needs an API key in {@code X-API-Key} (or as {@code Authorization: Bearer <key>},
 * see {@link ApiKeyAuthenticationConverter}), except the liveness and readiness probes: the actuator's endpoints for
 * {@link HubRoles#OPERATOR}, its {@code prometheus} endpoint also for {@link HubRoles#METRICS} (a Prometheus server's
 * key), the application's own as its {@link HubAccessRules} say; anything else is denied. Without a key, or with an unknown one, the answer is 401, with a key whose client lacks the
 * role 403, both as problem bodies. Clients and keys come from {@link HubSecurityProperties}; with none configured
 * every endpoint but the probes answers 401. An application replaces the whole chain with its own {@link
 * SecurityFilterChain} bean.
 */
@AutoConfiguration(
        before = {
            SecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            ManagementWebSecurityAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, EndpointRequest.class})
@EnableConfigurationProperties(HubSecurityProperties.class)
@EnableWebSecurity
public final class HubSecurityAutoConfiguration {

    /**
     * The clients' keys. As an {@code AuthenticationProvider} bean it also keeps Boot from creating its default user
     * with a generated password.
     *
     * @param properties the clients
     * @return the provider
     */
    @Bean
    @ConditionalOnMissingBean
    ApiKeyAuthenticationProvider hubApiKeyAuthenticationProvider(HubSecurityProperties properties) {
        return new ApiKeyAuthenticationProvider(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityProblems hubSecurityProblems(ObjectProvider<JsonMapper> jsonMapper) {
        return new SecurityProblems(jsonMapper.getIfAvailable(JsonMapper::new));
    }

    /**
     * The hub's filter chain.
     *
     * @param http the builder
     * @param provider the API key provider
     * @param problems the 401 and 403 answers
     * @param rules the application's own rules, in their order
     * @param environment where the actuator's base path is set
     * @return the chain
     * @throws Exception when the chain cannot be built
     */
    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain hubSecurityFilterChain(
            HttpSecurity http,
            ApiKeyAuthenticationProvider provider,
            SecurityProblems problems,
            ObjectProvider<HubAccessRules> rules,
            Environment environment)
            throws Exception {
        AuthenticationFilter apiKeys =
                new AuthenticationFilter(new ProviderManager(provider), new ApiKeyAuthenticationConverter());
        // authenticated: go on down the chain (no redirect); unknown key: 401 at once, as without one
        apiKeys.setSuccessHandler((request, response, authentication) -> {});
        apiKeys.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));
        apiKeys.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
        String actuator = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.authorizeHttpRequests(requests -> {
                    // the orchestrator's probes; show-details when-authorized keeps their details from anonymous calls
                    requests.requestMatchers(
                                    paths.matcher(actuator + "/health/liveness"),
                                    paths.matcher(actuator + "/health/readiness"))
                            .permitAll();
                    // error dispatches: the error page of a request this chain let through, or of one the server
                    // refused before the chain saw it (a malformed URI); they show no data of the application
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    // the meters for a scraper's key too, which reads nothing else
                    requests.requestMatchers(EndpointRequest.to("prometheus"))
                            .hasAnyRole(HubRoles.OPERATOR, HubRoles.METRICS);
                    requests.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(HubRoles.OPERATOR);
                    rules.orderedStream().forEach(rule -> rule.configure(requests));
                    requests.anyRequest().denyAll();
                })
                .addFilterAt(apiKeys, BasicAuthenticationFilter.class)
                // Stateless API-key clients: no session, and no CSRF protection, which guards cookie-based sessions
                // that these endpoints never use (a key in a header is not sent by a browser on its own)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }
}
