package com.example.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.Filter;
import java.security.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auto-configuration's filter chain, through MockMvc: 401 without a key or with an unknown one, 403 for a client
 * without the role, the application's own rules, both forms of a key, two keys at once; and where it backs off.
 */
@ExtendWith(OutputCaptureExtension.class)
class HubSecurityAutoConfigurationTests {

    static final String SENDER_KEY = "sender-key-0123456789-0123456789-0123456789";

    static final String SENDER_NEXT_KEY = "sender-next-key-0123456789-0123456789-012345";

    static final String READER_KEY = "reader-key-0123456789-0123456789-0123456789";

    private final WebApplicationContextRunner contexts = mvcWithHubSecurity()
            .withConfiguration(AutoConfigurations.of(
                    UserDetailsServiceAutoConfiguration.class, SecurityFilterAutoConfiguration.class))
            .withPropertyValues(
                    "hub.security.clients.sender.roles=SEND,READ",
                    "hub.security.clients.sender.keys=" + SENDER_KEY + "," + SENDER_NEXT_KEY,
                    "hub.security.clients.reader.roles=read",
                    "hub.security.clients.reader.keys=" + ApiKeyHash.ofPlain(READER_KEY));

    @Test
    void answersWithoutAKey401AsAProblem() {
        this.contexts.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(UserDetailsService.class);
            assertUnauthorized(mvc(context).perform(get("/items")));
            assertUnauthorized(mvc(context).perform(post("/items")));
            assertUnauthorized(mvc(context).perform(get("/elsewhere")));
        });
    }

    @Test
    void answersAnUnknownKeyAsAMissingOne() {
        this.contexts.run(context -> {
            assertUnauthorized(mvc(context).perform(get("/items").header("X-API-Key", "not-a-key")));
            assertUnauthorized(mvc(context).perform(get("/items").header("X-API-Key", "")));
            // the hash of a key is not the key
            assertUnauthorized(mvc(context)
                    .perform(get("/items")
                            .header("X-API-Key", ApiKeyHash.ofPlain(READER_KEY).toString())));
        });
    }

    @Test
    void letsAClientDoWhatItsRolesAllow() {
        this.contexts.run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(post("/items").header("X-API-Key", SENDER_KEY))
                    .andExpect(status().isOk())
                    .andExpect(content().string("sent by sender"));
            mvc.perform(get("/items").header("X-API-Key", READER_KEY))
                    .andExpect(status().isOk())
                    .andExpect(content().string("read by reader"));
        });
    }

    @Test
    void acceptsEitherOfTwoKeysOfAClient() {
        this.contexts.run(context -> {
            mvc(context).perform(get("/items").header("X-API-Key", SENDER_KEY)).andExpect(status().isOk());
            mvc(context)
                    .perform(get("/items").header("X-API-Key", SENDER_NEXT_KEY))
                    .andExpect(content().string("read by sender"));
        });
    }

    @Test
    void answersAClientWithoutTheRole403AsAProblem() {
        this.contexts.run(context -> {
            mvc(context)
                    .perform(post("/items").header("X-API-Key", READER_KEY))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value(SecurityProblems.FORBIDDEN.toString()))
                    .andExpect(jsonPath("$.title").value("Forbidden"))
                    .andExpect(jsonPath("$.status").value(403));
            // a path no rule names is denied to every client
            mvc(context)
                    .perform(get("/elsewhere").header("X-API-Key", SENDER_KEY))
                    .andExpect(status().isForbidden());
        });
    }

    @Test
    void answersEveryRequestWithoutConfiguredKeys401AndSaysSo(CapturedOutput output) {
        mvcWithHubSecurity()
                .withPropertyValues("hub.security.clients.sender.roles=SEND", "hub.security.clients.sender.keys=")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertUnauthorized(mvc(context).perform(get("/items").header("X-API-Key", "")));
                    assertUnauthorized(mvc(context).perform(post("/items").header("X-API-Key", "anything")));
                    assertThat(output)
                            .contains("No API key is configured (hub.security.clients: sender [SEND] with 0"
                                    + " key(s)): every endpoint but the liveness and readiness probes answers 401");
                });
    }

    @Test
    void keepsOnlyTheHashesOfTheKeys() {
        this.contexts.run(context -> {
            HubSecurityProperties properties = context.getBean(HubSecurityProperties.class);
            assertThat(properties.clients().get("sender").keys())
                    .containsExactly(
                            ApiKeyHash.ofPlain(SENDER_KEY).toString(),
                            ApiKeyHash.ofPlain(SENDER_NEXT_KEY).toString());
            assertThat(properties.clients().get("reader").roles()).containsExactly("READ");
        });
    }

    @Test
    void refusesAMalformedHashedKey() {
        this.contexts
                .withPropertyValues("hub.security.clients.reader.keys=sha256:ABC")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("64 lowercase hex digits")
                        .hasMessageNotContaining("ABC"));
    }

    @Test
    void refusesOneKeyForTwoClients() {
        this.contexts
                .withPropertyValues("hub.security.clients.reader.keys=" + SENDER_KEY)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("share a key")
                        .hasMessageNotContaining(SENDER_KEY));
    }

    @Test
    void backsOffForTheApplicationsOwnChain() {
        this.contexts.withUserConfiguration(OwnChain.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class);
            assertThat(context).doesNotHaveBean("hubSecurityFilterChain");
            mvc(context).perform(get("/elsewhere")).andExpect(status().isOk());
        });
    }

    private static void assertUnauthorized(ResultActions result) throws Exception {
        result.andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", "ApiKey header=\"X-API-Key\""))
                .andExpect(jsonPath("$.type").value(SecurityProblems.UNAUTHORIZED.toString()))
                .andExpect(jsonPath("$.title").value("Unauthorized"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value("A valid API key in the X-API-Key header is needed"));
    }

    /** Spring MVC with the test's endpoints and the hub's security, as in an app of the hub. */
    private static WebApplicationContextRunner mvcWithHubSecurity() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        JacksonAutoConfiguration.class,
                        HttpMessageConvertersAutoConfiguration.class,
                        DispatcherServletAutoConfiguration.class,
                        WebMvcAutoConfiguration.class,
                        HubSecurityAutoConfiguration.class,
                        SecurityAutoConfiguration.class,
                        ServletWebSecurityAutoConfiguration.class))
                .withUserConfiguration(Endpoints.class);
    }

    private static MockMvc mvc(AssertableWebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class))
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    static class Endpoints {

        @Bean
        ItemController itemController() {
            return new ItemController();
        }

        @Bean
        HubAccessRules itemRules() {
            return requests -> requests.requestMatchers(HttpMethod.POST, "/items")
                    .hasRole(HubRoles.SEND)
                    .requestMatchers(HttpMethod.GET, "/items")
                    .hasRole(HubRoles.READ);
        }
    }

    @RestController
    static class ItemController {

        @GetMapping("/items")
        String read(Principal client) {
            return "read by " + client.getName();
        }

        @PostMapping("/items")
        String send(Principal client) {
            return "sent by " + client.getName();
        }

        @GetMapping("/elsewhere")
        String elsewhere() {
            return "elsewhere";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnChain {

        @Bean
        SecurityFilterChain ownChain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .build();
        }
    }
}
