package com.example.hub.bench;

import com.example.hub.testsupport.DotEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where the apps keep their data in a run: their embedded H2 files (the default, {@code --store=h2}), or a database of
 * each app's own on the local PostgreSQL ({@code --store=postgres}: POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER,
 * POSTGRES_PASSWORD, default 127.0.0.1, 5432, postgres, none), made for the run and dropped after it. The runner gives
 * an app its database through {@code $RUN_DIR/env/<app>.env}.
 */
final class Store {

    private static final Duration ANALYSE_EVERY = Duration.ofSeconds(10);

    private static final List<String> APPS =
            List.of("onec-adapter", "dms-adapter", "crm-adapter", "soindi-consumer", "hub-console");

    private final boolean postgres;

    private final String prefix;

    private final String host;

    private final String port;

    private final String user;

    private final String password;

    private boolean autovacuum = true;

    private Store(boolean postgres, String prefix, Map<String, String> settings) {
        this.postgres = postgres;
        this.prefix = prefix;
        this.host = settings.getOrDefault("POSTGRES_HOST", "127.0.0.1");
        this.port = settings.getOrDefault("POSTGRES_PORT", "5432");
        this.user = settings.getOrDefault("POSTGRES_USER", "postgres");
        this.password = settings.getOrDefault("POSTGRES_PASSWORD", "");
    }

    /**
     * The store of a run.
     *
     * @param kind {@code h2} or {@code postgres}
     * @param runName the run's name, which its databases carry
     * @param settings the environment and {@code .env} settings
     */
    static Store of(String kind, String runName, Map<String, String> settings) {
        if (!kind.equals("h2") && !kind.equals("postgres")) {
            throw new IllegalArgumentException("--store is h2 or postgres, not " + kind);
        }
        String prefix = runName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        return new Store(kind.equals("postgres"), prefix, settings);
    }

    String kind() {
        return this.postgres ? "postgres" : "h2";
    }

    /** What the run's apps store their data in, for the report. */
    String describe() {
        return this.postgres
                ? "PostgreSQL at " + this.host + ":" + this.port + ", a database per app"
                        + (this.autovacuum
                                ? ""
                                : ", analysed every " + ANALYSE_EVERY.toSeconds() + " s (autovacuum off)")
                : "H2, an embedded file per app";
    }

    /** Makes each app's database and tells the runner about it; nothing for H2. */
    void prepare(Path runDir) throws IOException, SQLException {
        if (!this.postgres) {
            return;
        }
        this.autovacuum = autovacuum();
        Files.createDirectories(runDir.resolve("env"));
        for (String app : APPS) {
            String database = database(app);
            execute("drop database if exists " + database + " with (force)");
            execute("create database " + database);
            // quoted where a value needs it (a password with a quote or " #"), as the runner reads it
            DotEnv.write(
                    runDir.resolve("env").resolve(app + ".env"),
                    Map.of(
                            "SPRING_DATASOURCE_URL", url(database),
                            "SPRING_DATASOURCE_USERNAME", this.user,
                            "SPRING_DATASOURCE_PASSWORD", this.password));
        }
    }

    /**
     * Stands in for PostgreSQL's autovacuum while the apps run, where the server has it off (as the benchmark machines
     * have): analyses each app's database every {@link #ANALYSE_EVERY}, as autovacuum does once a table has grown, so
     * that the apps' statements are planned from their tables' statistics as in production. Without it, a plan cached
     * while a table was empty (a sequential scan of a look-up by several keys) is used for the whole run. Nothing for
     * H2, or where autovacuum is on.
     *
     * @return what stops it
     */
    Runnable analyseWhileRunning() {
        if (!this.postgres || this.autovacuum) {
            return () -> {};
        }
        ScheduledExecutorService analyser = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bench-analyse").daemon().factory());
        analyser.scheduleWithFixedDelay(
                () -> {
                    for (String app : APPS) {
                        try (Connection connection =
                                        DriverManager.getConnection(url(database(app)), this.user, this.password);
                                Statement statement = connection.createStatement()) {
                            statement.execute("analyze");
                        } catch (SQLException ex) {
                            System.out.println("[bench] could not analyse " + database(app) + ": " + ex.getMessage());
                        }
                    }
                },
                ANALYSE_EVERY.toSeconds(),
                ANALYSE_EVERY.toSeconds(),
                TimeUnit.SECONDS);
        return analyser::shutdownNow;
    }

    private boolean autovacuum() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), this.user, this.password);
                Statement statement = connection.createStatement();
                ResultSet setting = statement.executeQuery("show autovacuum")) {
            return setting.next() && setting.getString(1).equals("on");
        }
    }

    /** A connection to SOINDI's store, once SOINDI has stopped. */
    Connection soindi(Path runDir) throws SQLException {
        if (this.postgres) {
            return DriverManager.getConnection(url(database("soindi-consumer")), this.user, this.password);
        }
        Path file = runDir.resolve("data").resolve("soindi-consumer").resolve("soindi");
        return DriverManager.getConnection("jdbc:h2:file:" + file + ";IFEXISTS=TRUE", "sa", "");
    }

    /** Drops the run's databases. */
    void drop() throws SQLException {
        if (this.postgres) {
            for (String app : APPS) {
                execute("drop database if exists " + database(app) + " with (force)");
            }
        }
    }

    private String database(String app) {
        return this.prefix + "_" + app.substring(0, app.indexOf('-') > 0 ? app.indexOf('-') : app.length());
    }

    private String url(String database) {
        return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), this.user, this.password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
