package com.example.hub.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL server of a test's own, for faults that must not touch the machine's database: a server that can be
 * stopped (also as a crash does) and started again under load. It is made by this machine's PostgreSQL installation
 * ({@code /usr/lib/postgresql/<version>/bin}: {@code initdb}, {@code pg_ctl}) in a directory of the test's, listens
 * on a free loopback port, and lets the user {@code postgres} in without a password. Run as root, its programs run as
 * the OS user {@code postgres}, as PostgreSQL requires. {@link #close()} stops it and deletes its directory.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");

    private static final String OS_USER = "postgres";

    private final Path directory;

    private final Path bin;

    private final int port;

    private final Thread shutdownHook;

    private LocalPostgres(Path directory, Path bin) {
        this.directory = directory;
        this.bin = bin;
        this.port = LocalPorts.free();
        this.shutdownHook = new Thread(() -> pgCtl("stop", "-m", "immediate"), "stop PostgreSQL " + directory);
        Runtime.getRuntime().addShutdownHook(this.shutdownHook);
    }

    /**
     * Makes a new, empty server and starts it.
     *
     * @param directory where its data and log go; emptied first
     * @return the running server
     */
    public static LocalPostgres start(Path directory) {
        Path bin = newestInstallation();
        try {
            FileSystemUtils.deleteRecursively(directory);
            Files.createDirectories(directory);
            if (runningAsRoot()) {
                UserPrincipal postgres = directory
                        .getFileSystem()
                        .getUserPrincipalLookupService()
                        .lookupPrincipalByName(OS_USER);
                Files.setOwner(directory, postgres);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        LocalPostgres server = new LocalPostgres(directory, bin);
        LocalCommand.run(
                server.asOwner(List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        server.dataDirectory().toString(),
                        "-U",
                        OS_USER,
                        "-A",
                        "trust",
                        "-E",
                        "UTF8",
                        "--no-sync")),
                Map.of(),
                server.commandLog(),
                Duration.ofMinutes(2));
        server.startServer();
        return server;
    }

    /** Starts the server (again, after {@link #stop(boolean)}) and waits until it accepts connections. */
    public void startServer() {
        LocalCommand.run(
                asOwner(List.of(
                        this.bin.resolve("pg_ctl").toString(),
                        "-D",
                        dataDirectory().toString(),
                        "-o",
                        "-p " + this.port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                                + this.directory,
                        "-l",
                        this.directory.resolve("server.log").toString(),
                        "-w",
                        "-t",
                        "60",
                        "start")),
                Map.of(),
                commandLog(),
                Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(30)).until(() -> LocalPorts.open(this.port));
    }

    /**
     * Stops the server.
     *
     * @param crash {@code true}: at once, without a checkpoint, as a crash or power loss does ({@code -m immediate};
     *     the next start recovers from the write-ahead log); {@code false}: as an operator does ({@code -m fast})
     */
    public void stop(boolean crash) {
        int exit = pgCtl("stop", "-m", crash ? "immediate" : "fast");
        if (exit != 0) {
            throw new IllegalStateException("pg_ctl stop exited with status " + exit + ": see " + commandLog());
        }
    }

    /**
     * Creates a database.
     *
     * @param name its name
     * @return its JDBC URL
     */
    public String createDatabase(String name) {
        LocalCommand.run(
                List.of(
                        this.bin.resolve("createdb").toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(this.port),
                        "-U",
                        OS_USER,
                        name),
                Map.of(),
                commandLog(),
                Duration.ofSeconds(30));
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
    }

    public int port() {
        return this.port;
    }

    public String username() {
        return OS_USER;
    }

    public String password() {
        return "";
    }

    /** Stops the server at once and deletes its directory. */
    @Override
    public void close() {
        try {
            pgCtl("stop", "-m", "immediate");
        } finally {
            FileSystemUtils.deleteRecursively(this.directory.toFile());
            try {
                Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
            } catch (IllegalStateException ex) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
    }

    private int pgCtl(String... arguments) {
        if (!Files.isDirectory(dataDirectory())) {
            return 0;
        }
        List<String> command = new ArrayList<>(List.of(
                this.bin.resolve("pg_ctl").toString(), "-D", dataDirectory().toString(), "-w"));
        command.addAll(List.of(arguments));
        return LocalCommand.exitStatus(asOwner(command), Map.of(), commandLog(), Duration.ofSeconds(60));
    }

    private List<String> asOwner(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> asPostgres = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--"));
        asPostgres.addAll(command);
        return asPostgres;
    }

    private Path dataDirectory() {
        return this.directory.resolve("data");
    }

    private Path commandLog() {
        // the server's own log is written by the OS user postgres; this one by the test
        return this.directory.getParent().resolve(this.directory.getFileName() + "-commands.log");
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path newestInstallation() {
        try (Stream<Path> versions = Files.isDirectory(INSTALLATIONS) ? Files.list(INSTALLATIONS) : Stream.empty()) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin ->
                            Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(
                            bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("A PostgreSQL server of the test's own needs "
                            + "PostgreSQL's initdb and pg_ctl under " + INSTALLATIONS
                            + ": apt-get install postgresql (bash .ci/run does)"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
