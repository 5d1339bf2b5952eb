package com.example.hub.creatio;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;

/** The fake on a random port with test controls on, reset before each test. Subclasses share one context. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "fake-creatio.test-controls.enabled=true")
abstract class FakeCreatioHttpTests extends FakeCreatioClientTests {

    @BeforeEach
    void resetFake() {
        HttpResponse reset = http.post("/test-control/reset", null);
        if (reset.status() != 204) {
            throw new IllegalStateException("Reset failed: " + reset);
        }
    }
}
