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
 * counts as not accepted. Given several 1C instances, it sends to each in turn, as a round-robin load balancer does,
 * and sends a request whose connection was refused (the instance is gone) to the next instance, as nginx does for a
 * POST by default; a request that got no answer is not sent again, since the instance may have acted on it.
 */
final class HubLoad {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final List<URI> onecs;

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
        this(List.of(onec), prefix, mix, perSecond);
    }

    /**
     * @param onecs the base URIs of the 1C instances, sent to in turn
     * @param prefix what every request id, user id and order id of this load starts with
     * @param mix the kinds of request, sent in turn
     * @param perSecond requests per second
     */
    HubLoad(List<URI> onecs, String prefix, List<RequestKind> mix, int perSecond) {
        this.onecs = List.copyOf(onecs);
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
        URI onec = this.onecs.get(n % this.onecs.size());
        Object body = kind.body(requestId, subject);
        CompletableFuture<Http.Answer> answered;
        if (this.onecs.size() == 1) {
            answered = Http.postAsync(onec.resolve(kind.path()), body, REQUEST_TIMEOUT);
        } else {
            URI next = this.onecs.get((n + 1) % this.onecs.size());
            answered = Http.postAsyncOrRefused(onec.resolve(kind.path()), body, REQUEST_TIMEOUT)
                    .thenCompose(answer -> answer.status() != Http.REFUSED
                            ? CompletableFuture.completedFuture(answer)
                            : Http.postAsyncOrRefused(next.resolve(kind.path()), body, REQUEST_TIMEOUT));
        }
        this.sent.add(answered.thenApply(answer ->
                new SentRequest(requestId, kind, subject, answer.status() == Http.REFUSED ? -1 : answer.status())));
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
