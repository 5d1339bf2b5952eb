package com.example.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker permissions of one application of the hub, as {@value #FILE} defines them for compose: the tests create
 * users with exactly these, so that they prove what compose runs.
 *
 * @param app the application's key, such as {@code dms}
 * @param configure the exchanges and queues it may declare and delete
 * @param write the exchanges it may publish to, and the queues it may bind
 * @param read the queues it may consume, and the exchanges it may bind from
 * @param topics its topic permissions, one for each topic exchange it publishes to
 */
public record AppPermissions(String app, String configure, String write, String read, List<Topic> topics) {

    /** The applications' permissions, in the repository. */
    public static final String FILE = "docker/rabbitmq/app-permissions.conf";

    /** The shared topology that an administrator declares, in the repository. */
    public static final String DEFINITIONS = "docker/rabbitmq/definitions.json";

    /**
     * The permissions of an application.
     *
     * @param app its key in {@value #FILE}: {@code onec}, {@code dms}, {@code crm}, {@code soindi} or {@code odoo}
     * @return its permissions
     * @throws IllegalArgumentException when the file does not name it
     */
    public static AppPermissions of(String app) {
        AppPermissions permissions = all().get(app);
        if (permissions == null) {
            throw new IllegalArgumentException("No application '" + app + "' in " + FILE + ": " + all().keySet());
        }
        return permissions;
    }

    /**
     * The permissions of every application in {@value #FILE}.
     *
     * @return the permissions by application key, in the file's order
     */
    public static Map<String, AppPermissions> all() {
        Map<String, String[]> plain = new LinkedHashMap<>();
        Map<String, List<Topic>> topics = new LinkedHashMap<>();
        for (String line : lines(repositoryFile(FILE))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            if (fields[0].equals("permissions") && fields.length == 5) {
                plain.put(fields[1], fields);
                topics.computeIfAbsent(fields[1], app -> new ArrayList<>());
            } else if (fields[0].equals("topic-permissions") && fields.length == 5) {
                topics.computeIfAbsent(fields[1], app -> new ArrayList<>())
                        .add(new Topic(fields[2], fields[3], fields[4]));
            } else {
                throw new IllegalStateException("Unexpected line in " + FILE + ": " + line);
            }
        }
        Map<String, AppPermissions> result = new LinkedHashMap<>();
        plain.forEach((app, fields) -> result.put(
                app, new AppPermissions(app, fields[2], fields[3], fields[4], List.copyOf(topics.get(app)))));
        return result;
    }

    /**
     * The shared topology of the hub, as compose imports it when the broker starts.
     *
     * @return the definitions JSON
     */
    public static String definitions() {
        try {
            return Files.readString(repositoryFile(DEFINITIONS));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A file of the repository, found from the working directory (a module's or the repository's) upwards.
     *
     * @param relative its path from the repository's root
     * @return its path
     * @throws IllegalStateException when it cannot be found
     */
    public static Path repositoryFile(String relative) {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found from "
                + Path.of("").toAbsolutePath() + " upwards: run the tests in the repository");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A topic permission: which routing keys a user may publish with to a topic exchange.
     *
     * @param exchange the topic exchange
     * @param write the routing keys it may publish with
     * @param read the routing keys it may subscribe to (MQTT and STOMP)
     */
    public record Topic(String exchange, String write, String read) {}
}
