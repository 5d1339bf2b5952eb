package com.example.hub.creatio.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchCountsLogTests {

    @TempDir
    Path directory;

    @Test
    void countsWithALogSurviveARestartOfTheFake() {
        Path log = this.directory.resolve("patches.log");
        PatchCounts before = new PatchCounts(log.toString());
        before.patched("ORD1", "Status");
        before.patched("ORD1", "Status");
        before.patched("ORD2", "Status");
        before.patched("ORD2", "InsurerName,PolicyNumber");

        PatchCounts after = new PatchCounts(log.toString());

        assertThat(after.of("ORD1", "Status")).isEqualTo(2);
        assertThat(after.of("ORD2", "Status")).isEqualTo(1);
        assertThat(after.of("ORD2", "InsurerName,PolicyNumber")).isEqualTo(1);
        after.clear();
        assertThat(new PatchCounts(log.toString()).all()).isEmpty();
    }

    @Test
    void withoutALogTheCountsLiveInMemory() {
        PatchCounts counts = new PatchCounts("");
        counts.patched("ORD1", "Status");

        assertThat(counts.of("ORD1", "Status")).isEqualTo(1);
    }
}
