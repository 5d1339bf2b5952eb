package com.example.hub.creatio;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The fake on a random port with test controls on, reset before each test. Subclasses share one context. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "fake-creatio.test-controls.enabled=true")
abstract class FakeCreatioHttpTests {

    @LocalServerPort
    int port;

    CreatioHttp http;

    @BeforeEach
    void resetFake() {
        http = new CreatioHttp(port);
        HttpResponse reset = http.post("/test-control/reset", null);
        if (reset.status() != 204) {
            throw new IllegalStateException("Reset failed: " + reset);
        }
    }
}
