package com.example.hub.creatio.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * How often each order was patched successfully, by its number and the set of columns patched ({@code StatusId},
 * or the policy's columns), for tests that check that the hub patches an order no more often than it was asked to. With {@code fake-creatio.test-controls.patch-log} (env {@code
 * FAKE_CREATIO_TEST_CONTROLS_PATCH_LOG}) set, every counted patch is also appended to that file, and the counts are
 * read back from it at start-up: they survive a restart or a crash of the fake, as a real Creatio's orders do.
 */
@Component
@ConditionalOnBooleanProperty("fake-creatio.test-controls.enabled")
class PatchCounts {

    private final ConcurrentMap<String, Map<String, Integer>> byOrder = new ConcurrentHashMap<>();

    private final @Nullable Path log;

    PatchCounts(@Value("${fake-creatio.test-controls.patch-log:}") String log) {
        this.log = log.isBlank() ? null : Path.of(log);
        if (this.log != null && Files.isRegularFile(this.log)) {
            try {
                Files.readAllLines(this.log, StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.isBlank())
                        .map(line -> line.split("\t", 2))
                        .forEach(entry -> count(entry[0].strip(), entry.length > 1 ? entry[1].strip() : ""));
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot read the patch log " + this.log, ex);
            }
        }
    }

    /**
     * Counts one successful patch of an order, in the log first when there is one.
     *
     * @param orderId the order's number
     * @param fields the names of the fields patched, sorted and joined by commas, e.g. {@code Status}
     */
    synchronized void patched(String orderId, String fields) {
        if (this.log != null) {
            try {
                Files.writeString(
                        this.log,
                        orderId + "\t" + fields + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot append to the patch log " + this.log, ex);
            }
        }
        count(orderId, fields);
    }

    private void count(String orderId, String fields) {
        this.byOrder.computeIfAbsent(orderId, id -> new ConcurrentHashMap<>()).merge(fields, 1, Integer::sum);
    }

    /** The counts by order id and by the fields patched, sorted. */
    Map<String, Map<String, Integer>> all() {
        Map<String, Map<String, Integer>> all = new TreeMap<>();
        this.byOrder.forEach((order, counts) -> all.put(order, new TreeMap<>(counts)));
        return all;
    }

    /** How often an order was patched with these fields. */
    int of(String orderId, String fields) {
        return this.byOrder.getOrDefault(orderId, Map.of()).getOrDefault(fields, 0);
    }

    /** Forgets every count, and empties the log. */
    synchronized void clear() {
        this.byOrder.clear();
        if (this.log != null) {
            try {
                Files.deleteIfExists(this.log);
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot delete the patch log " + this.log, ex);
            }
        }
    }
}
