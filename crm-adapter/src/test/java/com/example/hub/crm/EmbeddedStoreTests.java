package com.example.hub.crm;

import com.example.hub.testsupport.EmbeddedStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default store (application.yml's H2 file) keeps working after a listener thread was interrupted while writing:
 * the listener container interrupts consumers that do not stop in time, as when the listeners are paused while a
 * downstream system is down.
 */
class EmbeddedStoreTests {

    @Test
    void theDefaultStoreSurvivesAnInterruptedWrite(@TempDir Path data) throws Exception {
        EmbeddedStores.assertSurvivesInterruptedWrites(EmbeddedStores.configuredUrl("CRM_DATA_DIR", data));
    }
}
