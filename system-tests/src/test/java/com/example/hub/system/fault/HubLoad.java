package com.example.hub.system.fault;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed-rate load on 1C's HTTP entry points: request after request at a steady pace, each with a unique request
 * id and a user or order of its own, whatever state the system is in; a request that 1C does not answer within 20 s
 * counts as not accepted.
 */
final class HubLoad {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final URI onec;

    private final String prefix;

    private final List<RequestKind> mix;

    private final int perSecond;

    private final List<CompletableFuture<SentRequest>> sent = new CopyOnWriteArrayList<>();

    private final AtomicInteger count = new AtomicInteger();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-load");
        thread.setDaemon(true);
        return thread;
    });

    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    private volatile long deadline;

    /**
     * @param onec 1C's base URI
     * @param prefix what every request id, user id and order id of this load starts with
     * @param mix the kinds of request, sent in turn
     * @param perSecond requests per second
     */
    HubLoad(URI onec, String prefix, List<RequestKind> mix, int perSecond) {
        this.onec = onec;
        this.prefix = prefix.toUpperCase(Locale.ROOT) + "-"
                + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        this.mix = List.copyOf(mix);
        this.perSecond = perSecond;
    }

    /** Starts sending, at most for as long as given ({@link #stopAfter}); returns at once. */
    HubLoad start(Duration longest) {
        this.deadline = System.nanoTime() + longest.toNanos();
        this.scheduler.scheduleAtFixedRate(
                () -> {
                    if (System.nanoTime() >= this.deadline) {
                        this.finished.complete(null);
                        throw new IllegalStateException("the load is over");
                    }
                    sendOne();
                },
                0,
                1_000_000_000L / this.perSecond,
                TimeUnit.NANOSECONDS);
        return this;
    }

    /** Ends the load this long from now. */
    void stopAfter(Duration fromNow) {
        this.deadline = System.nanoTime() + fromNow.toNanos();
    }

    private void sendOne() {
        int n = this.count.getAndIncrement();
        RequestKind kind = this.mix.get(n % this.mix.size());
        String requestId = this.prefix + "-R" + n;
        String subject = this.prefix + (kind == RequestKind.CREATE_USER ? "-U" : "-O") + n;
        this.sent.add(Http.postAsync(this.onec.resolve(kind.path()), kind.body(requestId, subject), REQUEST_TIMEOUT)
                .thenApply(answer -> new SentRequest(requestId, kind, subject, answer.status())));
    }

    /** Waits until the load is over and every request has its answer (or none), and returns them all. */
    List<SentRequest> awaitFinished(Duration timeout) {
        try {
            this.finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture.allOf(this.sent.toArray(CompletableFuture[]::new))
                    .get(REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (TimeoutException ex) {
            throw new IllegalStateException("The load did not finish in time", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        } catch (ExecutionException ex) {
            throw new IllegalStateException(ex);
        } finally {
            this.scheduler.shutdownNow();
        }
        List<SentRequest> requests = new ArrayList<>();
        this.sent.forEach(future -> requests.add(future.join()));
        return requests;
    }
}
