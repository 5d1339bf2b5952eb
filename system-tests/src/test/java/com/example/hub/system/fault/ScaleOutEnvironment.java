package com.example.hub.system.fault;

import com.example.hub.testsupport.LocalPostgres;
import com.example.hub.testsupport.LocalRabbitCluster;
import com.rabbitmq.client.Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.util.FileSystemUtils;

/**
 * What {@link FaultScaleOutTests} runs on: a three-node RabbitMQ cluster of its own ({@link LocalRabbitCluster}), a
 * PostgreSQL server of its own with a database for each app (the 1C journal, the DMS's users, the CRM's inbox,
 * SOINDI's store), and two instances of onec-adapter, dms-adapter, crm-adapter and soindi-consumer, each set started
 * by {@code scripts/stack.sh} with a {@code RUN_DIR} of its own (the first set with fake-creatio), every app given the
 * cluster's address list as {@code SPRING_RABBITMQ_ADDRESSES}. {@link #close()} stops all of it, also after a failure.
 */
final class ScaleOutEnvironment implements AutoCloseable {

    static final List<String> APPS = FaultEnvironment.APPS;

    /** Every app that keeps data, with its database: all of them, so that two instances share it. */
    private static final Map<String, String> DATABASES =
            Map.of(FaultStack.ONEC, "onec", FaultStack.DMS, "dms", FaultStack.CRM, "crm", FaultStack.SOINDI, "soindi");

    /** The policy that mirrors Odoo's classic queues to every node (RabbitMQ 3.x; 4.0 has no mirrored queues). */
    static final String ODOO_EVENTS_POLICY = "hub-odoo-events-mirrored";

    static final String ODOO_EVENTS_MIRRORING = "{\"ha-mode\":\"all\",\"ha-sync-mode\":\"automatic\"}";

    private final Path directory;

    private LocalRabbitCluster cluster;

    private LocalPostgres postgres;

    private FaultStack first;

    private FaultStack second;

    private ScaleOutEnvironment(Path directory) {
        this.directory = directory;
    }

    /**
     * Starts the cluster, the PostgreSQL server and both sets of instances, healthy.
     *
     * @param name a name for the directory of it all, under {@code system-tests/target/fault} (with the pid)
     */
    static ScaleOutEnvironment start(String name) {
        ScaleOutEnvironment environment = new ScaleOutEnvironment(FaultStack.ROOT
                .resolve("system-tests/target/fault")
                .resolve(name + "-" + ProcessHandle.current().pid()));
        try {
            CompletableFuture<LocalPostgres> postgres =
                    CompletableFuture.supplyAsync(() -> LocalPostgres.start(environment.directory.resolve("postgres")));
            try {
                environment.cluster = LocalRabbitCluster.start(environment.directory.resolve("rabbitmq"), 3);
            } finally {
                environment.postgres = postgres.join();
            }
            // odoo_events and its dead-letter queue are classic queues (older clients declare odoo_events without
            // arguments): on a cluster they live on one node unless mirrored, as an operator of RabbitMQ 3.x does
            environment.cluster.setQueuePolicy(ODOO_EVENTS_POLICY, "^odoo_events", ODOO_EVENTS_MIRRORING);
            // RABBITMQ_HOST/PORT name the first node (the runner checks it and the apps would use it alone); the
            // address list, which Boot takes over host and port, names all three
            environment.first = new FaultStack(environment.directory.resolve("stack"), environment.cluster.node(0));
            environment.first.setting("SPRING_RABBITMQ_ADDRESSES", environment.cluster.addresses());
            environment.second = environment.first.secondInstances(environment.directory.resolve("stack-2"));
            DATABASES.forEach((app, database) -> {
                Map<String, String> settings = Map.of(
                        "SPRING_DATASOURCE_URL", environment.postgres.createDatabase(database),
                        "SPRING_DATASOURCE_USERNAME", environment.postgres.username(),
                        "SPRING_DATASOURCE_PASSWORD", environment.postgres.password());
                environment.first.settingsOf(app, settings);
                environment.second.settingsOf(app, settings);
            });
            // one set after the other: the first instance of each app makes its tables
            environment.first.up();
            environment.second.start(APPS.toArray(String[]::new));
            return environment;
        } catch (RuntimeException | Error ex) {
            environment.close();
            throw ex;
        }
    }

    LocalRabbitCluster cluster() {
        return this.cluster;
    }

    /** The first set of instances, with fake-creatio: the one the audits ask. */
    FaultStack first() {
        return this.first;
    }

    FaultStack second() {
        return this.second;
    }

    /** The cluster's AMQP addresses, for a client of the test's. */
    List<Address> addresses() {
        return this.cluster.nodes().stream()
                .map(node -> new Address(node.host(), node.amqpPort()))
                .toList();
    }

    /**
     * Stops both sets of instances, the PostgreSQL server and the cluster, and deletes their data and jars; the apps'
     * logs stay.
     */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Runnable step : List.<Runnable>of(
                () -> {
                    if (this.second != null) {
                        this.second.down();
                    }
                },
                () -> {
                    if (this.first != null) {
                        this.first.down();
                    }
                },
                () -> {
                    for (String stack : List.of("stack", "stack-2")) {
                        FileSystemUtils.deleteRecursively(
                                this.directory.resolve(stack).resolve("data").toFile());
                        FileSystemUtils.deleteRecursively(
                                this.directory.resolve(stack).resolve("jars").toFile());
                    }
                },
                () -> {
                    if (this.postgres != null) {
                        this.postgres.close();
                    }
                },
                () -> {
                    if (this.cluster != null) {
                        this.cluster.close();
                    }
                })) {
            try {
                step.run();
            } catch (RuntimeException | AssertionError ex) {
                failures.add(ex instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex));
            }
        }
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.getFirst()::addSuppressed);
            throw failures.getFirst();
        }
    }
}
