package com.example.hub.creatio.odata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orders' changes as JSON lines in a file ({@code fake-creatio.orders-log}), read back at start-up, so that the
 * orders and their GUIDs survive a restart or a crash of the fake, as a real Creatio's do. Without a file, nothing is
 * written. Not thread-safe: {@link Orders} calls it under its lock.
 */
final class OrdersLog {

    private static final TypeReference<LinkedHashMap<String, Object>> LINE = new TypeReference<>() {};

    private final @Nullable Path file;
    private final JsonMapper jsonMapper;

    OrdersLog(String file, JsonMapper jsonMapper) {
        this.file = file == null || file.isBlank() ? null : Path.of(file);
        this.jsonMapper = jsonMapper;
    }

    /** The state of an order after a change. */
    void saved(StoredOrder order) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("Id", order.id().toString());
        line.put("CreatedOn", order.createdOn().toString());
        line.put("ModifiedOn", order.modifiedOn().toString());
        line.put("columns", order.columns());
        append(line);
    }

    /** Every order of this number removed. */
    void removed(String number) {
        append(Map.of("removed", number));
    }

    /** Forgets every change. */
    void clear() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot delete the orders log " + file, ex);
            }
        }
    }

    /**
     * Replays the changes in the file, in order.
     *
     * @param saved gets each order's state
     * @param removed gets each number removed
     */
    void replay(Consumer<StoredOrder> saved, Consumer<String> removed) {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (text.isBlank()) {
                    continue;
                }
                Map<String, Object> line = jsonMapper.readValue(text, LINE);
                if (line.get("removed") instanceof String number) {
                    removed.accept(number);
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> columns = new LinkedHashMap<>((Map<String, Object>) line.get("columns"));
                if (columns.get("Amount") instanceof Number amount) {
                    columns.put("Amount", new BigDecimal(amount.toString()));
                }
                saved.accept(new StoredOrder(
                        UUID.fromString((String) line.get("Id")),
                        columns,
                        Instant.parse((String) line.get("CreatedOn")),
                        Instant.parse((String) line.get("ModifiedOn"))));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the orders log " + file, ex);
        }
    }

    private void append(Map<String, Object> line) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(
                    file,
                    jsonMapper.writeValueAsString(line) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot append to the orders log " + file, ex);
        }
    }
}
