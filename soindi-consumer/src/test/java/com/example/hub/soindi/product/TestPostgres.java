package com.example.hub.soindi.product;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the PostgreSQL server of this machine (POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER,
 * POSTGRES_PASSWORD; defaults 127.0.0.1, 5432, postgres, no password), dropped after the test.
 */
final class TestPostgres implements AutoCloseable {

    private static final String HOST = env("POSTGRES_HOST", "127.0.0.1");

    private static final String PORT = env("POSTGRES_PORT", "5432");

    static final String USER = env("POSTGRES_USER", "postgres");

    static final String PASSWORD = env("POSTGRES_PASSWORD", "");

    private final String database;

    private TestPostgres(String database) {
        this.database = database;
    }

    static TestPostgres createDatabase(String owner) {
        String database = ("soindi_it_" + owner + "_"
                        + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        execute("create database " + database);
        return new TestPostgres(database);
    }

    String url() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + this.database;
    }

    @Override
    public void close() {
        execute("drop database if exists " + this.database + " with (force)");
    }

    private static void execute(String sql) {
        String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException ex) {
            throw new IllegalStateException(
                    "This test needs the PostgreSQL server at " + url + " as " + USER
                            + " (set POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD, or start one: "
                            + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start): "
                            + ex.getMessage(),
                    ex);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return (value == null || value.isBlank()) ? fallback : value;
    }
}
