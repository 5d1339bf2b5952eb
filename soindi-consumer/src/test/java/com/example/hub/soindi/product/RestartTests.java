package com.example.hub.soindi.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.testsupport.TemporaryVirtualHost;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** SOINDI's default store, an H2 file under {@code SOINDI_DATA_DIR}, keeps products and applied events across restarts. */
class RestartTests {

    @RegisterExtension
    final TemporaryVirtualHost virtualHost = new TemporaryVirtualHost();

    private SoindiInstance soindi;

    @Test
    void anEventRedeliveredAfterARestartIsNotAppliedAgain(@TempDir Path dataDirectory) {
        this.virtualHost.create("soindi-restart");
        ProductEvent event = Events.created("PROD-RESTART", "Kept", "15.75", Instant.now());
        this.soindi = start(dataDirectory, "before-restart");
        Events.publish(this.soindi.publisher(), event);
        await().until(() -> this.soindi.store().find("PROD-RESTART").isPresent());
        this.soindi.close();
        assertThat(dataDirectory.resolve("soindi.mv.db")).isRegularFile();

        this.soindi = start(dataDirectory, "after-restart");
        assertThat(this.soindi.store().find("PROD-RESTART"))
                .hasValueSatisfying(product -> assertThat(product.name()).isEqualTo("Kept"));
        // the same event again, as the broker redelivers an event whose acknowledgement was lost in a crash
        Events.publish(
                this.soindi.publisher(),
                Events.withId(Events.updated("PROD-RESTART", "Changed", "1", Instant.now()), event.eventId()));

        // the first instance's connection may still be closing its channels in the background: what its threads throw
        // then is no failure of this instance
        await().dontCatchUncaughtExceptions().until(() -> this.soindi.handled("duplicate") == 1);
        assertThat(this.soindi.store().find("PROD-RESTART"))
                .hasValueSatisfying(product -> assertThat(product.name()).isEqualTo("Kept"));
        assertThat(this.soindi.store().findAppliedEvent(event.eventId()))
                .hasValueSatisfying(applied -> assertThat(applied.instanceId()).isEqualTo("before-restart"));
    }

    private SoindiInstance start(Path dataDirectory, String instanceId) {
        return this.virtualHost.closeAfterTest(SoindiInstance.start(
                this.virtualHost.broker(),
                this.virtualHost.name(),
                null,
                instanceId,
                "--SOINDI_DATA_DIR=" + dataDirectory));
    }
}
