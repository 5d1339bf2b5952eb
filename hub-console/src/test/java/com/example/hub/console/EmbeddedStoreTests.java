package com.example.hub.console;

import com.example.hub.testsupport.EmbeddedStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default ledger (application.yml's H2 file) keeps working after a listener thread was interrupted while writing:
 * the listener container interrupts consumers that do not stop in time, such as the ledger's while it waits to try a
 * dead letter again.
 */
class EmbeddedStoreTests {

    @Test
    void theDefaultStoreSurvivesAnInterruptedWrite(@TempDir Path data) throws Exception {
        EmbeddedStores.assertSurvivesInterruptedWrites(EmbeddedStores.configuredUrl("CONSOLE_DATA_DIR", data));
    }
}
