package com.example.hub.creatio;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The fake on a random port ({@code @SpringBootTest(webEnvironment = RANDOM_PORT)} on the subclass, with its
 * settings) and an HTTP client of it, made before each test.
 */
abstract class FakeCreatioClientTests {

    @LocalServerPort
    int port;

    CreatioHttp http;

    @BeforeEach
    void client() {
        http = new CreatioHttp(port);
    }
}
