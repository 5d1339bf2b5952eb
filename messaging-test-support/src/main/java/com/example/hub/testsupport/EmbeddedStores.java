package com.example.hub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The embedded H2 store an application configures by default in its {@code application.yml}, for tests of how it
 * behaves, not of what the application keeps in it.
 */
public final class EmbeddedStores {

    private EmbeddedStores() {}

    /**
     * The JDBC URL of the application's default store ({@code spring.datasource.url} of the {@code application.yml} on
     * the class path), with its data directory placed in {@code directory}.
     *
     * @param dataDirVariable the variable that names the data directory, e.g. {@code CRM_DATA_DIR}
     * @param directory where the store's files go
     * @return the URL
     */
    public static String configuredUrl(String dataDirVariable, Path directory) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("data-dir", Map.of(dataDirVariable, directory.toString())));
        try {
            new YamlPropertySourceLoader()
                    .load("application.yml", new ClassPathResource("application.yml"))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        String url = environment.getRequiredProperty("spring.datasource.url");
        assertThat(url).as("the default store is an embedded H2 file").startsWith("jdbc:h2:");
        return url;
    }

    /**
     * Asserts that the store at {@code url} keeps working after a thread was interrupted while it wrote to it, as a
     * listener container interrupts its consumers when they do not stop in time (Spring AMQP's {@code
     * forceCloseChannel}): H2's plain file channel is closed by an interrupt ({@code ClosedByInterruptException}),
     * which closes the database for every connection of the process until it restarts.
     *
     * @param url the store's JDBC URL
     * @throws Exception if the store cannot be reached at all
     */
    public static void assertSurvivesInterruptedWrites(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            execute(connection, "CREATE TABLE interrupt_probe (id INT PRIMARY KEY)");
            AtomicReference<Throwable> interruptedWrite = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    execute(connection, "INSERT INTO interrupt_probe VALUES (1)");
                } catch (SQLException ex) {
                    interruptedWrite.set(ex);
                }
            });
            writer.start();
            writer.join();
            assertThat(interruptedWrite.get())
                    .as("a write of an interrupted thread")
                    .isNull();
            execute(connection, "INSERT INTO interrupt_probe VALUES (2)");
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM interrupt_probe")) {
            rows.next();
            assertThat(rows.getInt(1))
                    .as("rows written, one by an interrupted thread")
                    .isEqualTo(2);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
