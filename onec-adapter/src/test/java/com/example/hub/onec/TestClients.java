package com.example.hub.onec;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.example.hub.testsupport.security.TestApiKeys;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The tests' clients of the 1C adapter: their keys are those of {@link TestApiKeys}, configured for every test of this
 * module in {@code src/test/resources/application.properties}; {@link AsOnec} sends 1C's with MockMvc.
 */
public final class TestClients {

    /** The header that carries a key: {@link TestApiKeys#HEADER}. */
    public static final String HEADER = TestApiKeys.HEADER;

    /** The reader's key: {@link TestApiKeys#READER_KEY}. */
    public static final String READER_KEY = TestApiKeys.READER_KEY;

    private TestClients() {}

    /** MockMvc sends 1C's key with every request. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class AsOnec {

        @Bean
        MockMvcBuilderCustomizer onecApiKey() {
            return builder -> builder.defaultRequest(get("/").header(TestApiKeys.HEADER, TestApiKeys.ONEC_KEY));
        }
    }
}
