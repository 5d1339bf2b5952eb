package com.example.hub.crm.creatio;

import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.web.client.RestClient;

/** The tests' Creatio settings and clients: Supervisor, the standard paths, 2 s to connect. */
final class TestCreatio {

    static final String LOGIN_PATH = "/ServiceModel/AuthService.svc/Login";

    private TestCreatio() {}

    /** Default columns, no status map. */
    static CreatioProperties properties(URI baseUrl, String password, Duration readTimeout) {
        return properties(baseUrl, password, readTimeout, "Number", Map.of(), CreatioProperties.PolicyColumns.NONE);
    }

    static CreatioProperties properties(
            URI baseUrl,
            String password,
            Duration readTimeout,
            String orderNumberColumn,
            Map<String, String> statusMap,
            CreatioProperties.PolicyColumns policyColumns) {
        return new CreatioProperties(
                baseUrl,
                "Supervisor",
                password,
                LOGIN_PATH,
                "/0/odata",
                Duration.ofSeconds(2),
                readTimeout,
                orderNumberColumn,
                statusMap,
                policyColumns);
    }

    /** A client over real HTTP, with the request factory of the adapter's configuration. */
    static CreatioClient client(CreatioProperties properties, ObservationRegistry observations) {
        return new CreatioClient(
                CreatioConfiguration.restClientBuilder(RestClient.builder(), properties), properties, observations);
    }

    static CreatioClient client(CreatioProperties properties) {
        return client(properties, ObservationRegistry.NOOP);
    }
}
