package com.example.hub.crm.creatio;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Creatio's order statuses ({@code OrderStatus}) by name, loaded at first use and loaded again, once, when a name is
 * not among them (a status added in Creatio since). A name matches exactly, else ignoring case when only one does.
 */
final class OrderStatuses {

    private final Supplier<Map<String, UUID>> load;
    private volatile @Nullable Map<String, UUID> byName;

    /** @param load reads all of Creatio's order statuses, by name */
    OrderStatuses(Supplier<Map<String, UUID>> load) {
        this.load = load;
    }

    /** The GUID of the status of that name, looking in Creatio again when it is unknown. */
    Optional<UUID> id(String name) {
        Map<String, UUID> known = byName;
        if (known != null) {
            Optional<UUID> id = find(known, name);
            if (id.isPresent()) {
                return id;
            }
        }
        synchronized (this) {
            if (byName == known) {
                byName = Map.copyOf(load.get());
            }
            known = byName;
        }
        return find(known, name);
    }

    /** The names known since the last load. */
    List<String> names() {
        Map<String, UUID> known = byName;
        return known == null ? List.of() : known.keySet().stream().sorted().toList();
    }

    private static Optional<UUID> find(Map<String, UUID> statuses, String name) {
        UUID exact = statuses.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        List<UUID> ignoringCase = statuses.entrySet().stream()
                .filter(status -> status.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getValue)
                .toList();
        return ignoringCase.size() == 1 ? Optional.of(ignoringCase.getFirst()) : Optional.empty();
    }
}
