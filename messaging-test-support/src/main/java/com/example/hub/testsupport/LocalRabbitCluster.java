package com.example.hub.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * A RabbitMQ cluster of a test's own on this machine: {@link LocalRabbitNode}s of this machine's RabbitMQ
 * installation, each with a node name, loopback ports and a data directory of its own under the given directory, all
 * with one Erlang cookie of the cluster's (not the machine's), the second and later ones joined to the first with
 * {@code rabbitmqctl join_cluster}. Every command names its node ({@code -n}): a node that was running before, such as
 * the machine's broker, is never touched. {@link #close()} stops every node and deletes the directory.
 */
public final class LocalRabbitCluster implements AutoCloseable {

    private final Path directory;

    private final List<LocalRabbitNode> nodes;

    private LocalRabbitCluster(Path directory, List<LocalRabbitNode> nodes) {
        this.directory = directory;
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Starts the nodes (at once, each in a directory {@code node-<n>}), joins them into one cluster, and waits until
     * every node runs as a member of it.
     *
     * @param directory where the nodes' data, logs and configuration go
     * @param size how many nodes, at least 1
     * @return the running cluster
     */
    public static LocalRabbitCluster start(Path directory, int size) {
        String cookie = newCookie();
        List<CompletableFuture<LocalRabbitNode>> starting = IntStream.rangeClosed(1, size)
                .mapToObj(n -> CompletableFuture.supplyAsync(
                        () -> LocalRabbitNode.start(directory.resolve("node-" + n), cookie)))
                .toList();
        List<LocalRabbitNode> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<LocalRabbitNode> node : starting) {
            try {
                started.add(node.join());
            } catch (CompletionException ex) {
                failure = failure != null
                        ? failure
                        : new IllegalStateException("A node of the cluster did not start", ex.getCause());
            }
        }
        LocalRabbitCluster cluster = new LocalRabbitCluster(directory, started);
        try {
            if (failure != null) {
                throw failure;
            }
            LocalRabbitNode first = started.getFirst();
            for (LocalRabbitNode node : started.subList(1, started.size())) {
                node.join(first);
            }
            cluster.awaitMembers();
            return cluster;
        } catch (RuntimeException | Error ex) {
            cluster.close();
            throw ex;
        }
    }

    /** Waits until the first node counts every node of the cluster as online ({@code await_online_nodes}). */
    private void awaitMembers() {
        int exit = node(0).rabbitmqctl(
                        Duration.ofMinutes(2),
                        "await_online_nodes",
                        Integer.toString(this.nodes.size()),
                        "--timeout",
                        "100");
        if (exit != 0) {
            throw new IllegalStateException("The cluster's " + this.nodes.size() + " nodes are not all online: "
                    + "rabbitmqctl await_online_nodes exited with status " + exit);
        }
    }

    /** The nodes, the first one the node the others joined. */
    public List<LocalRabbitNode> nodes() {
        return this.nodes;
    }

    /**
     * One node.
     *
     * @param index from 0
     * @return the node
     */
    public LocalRabbitNode node(int index) {
        return this.nodes.get(index);
    }

    /** A node whose process runs, for the management API; the first one when all do. */
    public LocalRabbitNode runningNode() {
        return this.nodes.stream()
                .filter(LocalRabbitNode::running)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No node of the cluster runs"));
    }

    /**
     * The AMQP addresses of every node, as {@code spring.rabbitmq.addresses} takes them: {@code
     * 127.0.0.1:p1,127.0.0.1:p2,...}.
     *
     * @return the address list
     */
    public String addresses() {
        return this.nodes.stream()
                .map(node -> node.host() + ":" + node.amqpPort())
                .collect(Collectors.joining(","));
    }

    /**
     * The nodes that hold a copy of a queue, as the management API of a running node shows them: the members of a
     * quorum queue; for a classic queue its node and its synchronised mirrors (RabbitMQ 3.x's {@code ha-mode}
     * policies).
     *
     * @param vhost the virtual host
     * @param queue the queue
     * @return the node names
     */
    public List<String> members(String vhost, String queue) {
        JsonNode info = runningNode().management().queue(vhost, queue);
        List<String> members = new ArrayList<>();
        if (info.path("members").size() > 0) {
            info.path("members").forEach(member -> members.add(member.asString()));
        } else {
            members.add(info.path("node").asString());
            info.path("synchronised_slave_nodes").forEach(mirror -> members.add(mirror.asString()));
        }
        return members;
    }

    /**
     * Sets a policy on the cluster ({@code rabbitmqctl set_policy --apply-to queues}, through a running node).
     *
     * @param name the policy's name
     * @param pattern the queues it applies to
     * @param definition its definition as JSON, e.g. {@code {"ha-mode":"all"}}
     */
    public void setQueuePolicy(String name, String pattern, String definition) {
        LocalRabbitNode node = runningNode();
        int exit = node.rabbitmqctl(
                Duration.ofMinutes(1), "set_policy", "--apply-to", "queues", name, pattern, definition);
        if (exit != 0) {
            throw new IllegalStateException("rabbitmqctl set_policy " + name + " exited with status " + exit);
        }
    }

    /** Stops every node and deletes the cluster's directory. */
    @Override
    public void close() {
        RuntimeException failure = null;
        // the later nodes first: the first one, which they joined, goes last
        for (LocalRabbitNode node : this.nodes.reversed()) {
            try {
                node.close();
            } catch (RuntimeException ex) {
                failure = failure != null ? failure : ex;
            }
        }
        FileSystemUtils.deleteRecursively(this.directory.toFile());
        if (failure != null) {
            throw failure;
        }
    }

    private static String newCookie() {
        StringBuilder cookie = new StringBuilder("HUBCLUSTER");
        for (int i = 0; i < 20; i++) {
            cookie.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return cookie.toString();
    }
}
