package com.example.hub.crm.creatio;

import com.example.hub.creatio.FakeCreatioServer;
import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fake Creatio with its test controls for a test class, registered as a static {@code @RegisterExtension} field:
 * started in-process on a free port before the class's tests, reset before each test, closed after them.
 */
public final class FakeCreatio implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private @Nullable FakeCreatioServer server;

    private @Nullable FakeCreatioControls controls;

    @Override
    public void beforeAll(ExtensionContext context) {
        this.server = FakeCreatioServer.start("fake-creatio.test-controls.enabled=true");
        this.controls = new FakeCreatioControls(this.server.baseUrl());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        controls().reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (this.server != null) {
            this.server.close();
        }
    }

    /**
     * Where it answers.
     *
     * @return its base URL
     */
    public URI baseUrl() {
        return Objects.requireNonNull(this.server, "fake Creatio runs while the test class runs")
                .baseUrl();
    }

    /**
     * Its test controls.
     *
     * @return the controls
     */
    public FakeCreatioControls controls() {
        return Objects.requireNonNull(this.controls, "fake Creatio runs while the test class runs");
    }
}
