package com.example.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the CPU and the waits go under load: the CPU time of each thread (pool) of the apps and of the broker, from
 * /proc, and what the apps' threads — virtual ones included — are doing, from {@code jcmd Thread.dump_to_file}
 * samples. Taken in a load pass of its own, so that the attaching does not disturb a measured point.
 */
final class Profile {

    /** What a thread is doing, by the first marker found in its stack (checked in this order). */
    private static final List<Map.Entry<String, String>> ACTIVITIES = List.of(
            Map.entry("MessagePublisher.await", "waiting for a publisher confirm"),
            Map.entry("PendingConfirm", "waiting for a publisher confirm"),
            Map.entry("RequestSender.pause", "waiting for an earlier attempt of the same request"),
            Map.entry("org.h2.", "in H2 (journal / store)"),
            Map.entry("com.zaxxer.hikari", "waiting for a database connection (Hikari)"),
            Map.entry("ChannelN.basicPublish", "publishing (AMQP write)"),
            Map.entry("CachingConnectionFactory", "getting or returning an AMQP channel"),
            Map.entry("BlockingQueueConsumer.nextMessage", "listener idle, waiting for a delivery"),
            Map.entry("AMQConnection", "AMQP connection I/O"),
            Map.entry("SocketFrameHandler", "AMQP connection I/O"),
            Map.entry("tools.jackson", "JSON (Jackson)"),
            Map.entry("ch.qos.logback", "logging"),
            Map.entry("org.hibernate.validator", "bean validation"),
            Map.entry("NioEndpoint$Poller", "HTTP poller (Tomcat)"),
            Map.entry("Acceptor.run", "HTTP acceptor (Tomcat)"),
            Map.entry("org.apache.tomcat", "HTTP request processing (Tomcat)"),
            Map.entry("org.apache.coyote", "HTTP request processing (Tomcat)"),
            Map.entry("ForkJoinPool.awaitWork", "idle carrier thread (virtual threads)"),
            Map.entry("ThreadPoolExecutor.getTask", "idle pool thread"),
            Map.entry("ScheduledThreadPoolExecutor", "idle scheduler"),
            Map.entry("Reference", "JVM internal"),
            Map.entry("Finalizer", "JVM internal"));

    private Profile() {}

    /**
     * Profiles the apps while load runs.
     *
     * @param jcmd the JDK's jcmd
     * @param apps the apps to profile, by name, with their pids
     * @param brokerPid the broker's pid, or -1
     * @param dir where the thread dumps go
     * @param load the load, already started
     * @param seconds how long the load runs
     * @return CPU by thread pool and activities counted over the samples, per process
     */
    static Map<String, Object> capture(
            String jcmd, Map<String, Long> apps, long brokerPid, Path dir, Process load, double seconds)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Map<String, Long> processes = new LinkedHashMap<>(apps);
        if (brokerPid > 0) {
            processes.put("rabbitmq", brokerPid);
        }
        Thread.sleep((long) (seconds * 1000 / 3));
        Map<String, Map<String, Long>> before = new LinkedHashMap<>();
        processes.forEach((name, pid) -> before.put(name, Procs.threadTicks(pid)));
        long started = System.nanoTime();
        Map<String, Map<String, Integer>> activities = new LinkedHashMap<>();
        for (int sample = 1; sample <= 3; sample++) {
            for (Map.Entry<String, Long> app : apps.entrySet()) {
                Path file = dir.resolve(app.getKey() + "-" + sample + ".txt");
                Files.deleteIfExists(file);
                new ProcessBuilder(
                                jcmd, app.getValue().toString(), "Thread.dump_to_file", "-format=text", file.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor();
                if (Files.exists(file)) {
                    classify(Files.readString(file), activities.computeIfAbsent(app.getKey(), k -> new TreeMap<>()));
                    gzip(file);
                }
            }
            Thread.sleep(1500);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<String, Object> cpu = new LinkedHashMap<>();
        processes.forEach((name, pid) -> {
            Map<String, Object> threads = new LinkedHashMap<>();
            for (Map.Entry<String, Double> entry : Procs.topThreads(before.get(name), Procs.threadTicks(pid), 8)) {
                threads.put(entry.getKey(), Usage.round2(entry.getValue() / elapsed));
            }
            cpu.put(name, threads);
        });
        load.waitFor();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("cpu_cores_by_thread_pool", cpu);
        profile.put("thread_activities_over_3_samples", activities);
        profile.put("thread_dumps", dir.toString());
        return profile;
    }

    /** Replaces a file by its gzipped copy (thread dumps of thousands of threads are large). */
    private static void gzip(Path file) throws IOException {
        Path gzipped = file.resolveSibling(file.getFileName() + ".gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzipped))) {
            Files.copy(file, out);
        }
        Files.delete(file);
    }

    /** Counts the threads of a text thread dump by what they are doing. */
    static void classify(String dump, Map<String, Integer> counts) {
        for (String block : dump.split("\\n\\s*\\n")) {
            String trimmed = block.strip();
            if (!trimmed.startsWith("#")) {
                continue;
            }
            String activity = null;
            for (Map.Entry<String, String> marker : ACTIVITIES) {
                if (trimmed.contains(marker.getKey())) {
                    activity = marker.getValue();
                    break;
                }
            }
            if (activity == null) {
                String[] lines = trimmed.split("\\n");
                activity = lines.length > 1 ? "other: " + lines[1].strip().replaceAll("\\(.*", "") : "other";
            }
            counts.merge(activity, 1, Integer::sum);
        }
    }
}
