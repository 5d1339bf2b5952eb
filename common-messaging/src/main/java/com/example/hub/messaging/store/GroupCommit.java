package com.example.hub.messaging.store;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits the changes of an application's database that are made at the same time in one transaction (a group
 * commit), so that a busy adapter writes to disk once for many requests and messages instead of once for each: the
 * embedded store (H2) serialises the pages a commit changed at every commit, and PostgreSQL flushes its log.
 *
 * <p>A thread that makes a change queues it and waits. One platform thread of its own, the writer, takes the queued
 * changes, up to {@value #MAX_GROUP} at a time, runs them in order in one new transaction, commits it and hands each
 * change its outcome. When nothing else is queued a change is committed alone, at once. Nobody is told that a change
 * is done before its transaction committed. The writer is a platform thread so that the one thread every change waits
 * for is scheduled by the operating system beside the virtual threads' carriers, not queued behind hundreds of
 * virtual threads after each of its reads and writes of the database's file (measured: as a virtual thread that led
 * the group, it made the 1C adapter several times slower under load).
 *
 * <p>When the transaction of a group fails, none of its changes was made: each is then run again alone, in a
 * transaction of its own, so that only the change that fails fails, with its own exception, and the others take
 * effect. A change must therefore do nothing but its statements in the database. Once closed, changes are committed
 * alone by the threads that make them.
 */
public final class GroupCommit implements AutoCloseable {

    /** The meter of how many changes were committed together. */
    public static final String GROUP_SIZE = "hub.store.commit.group";

    /** At most this many changes in one transaction, so that one group does not hold the others up for long. */
    public static final int MAX_GROUP = 64;

    private static final Change<?> CLOSE = new Change<>(() -> null);

    private final BlockingQueue<Change<?>> queued = new LinkedBlockingQueue<>();

    private final TransactionTemplate transactions;

    private final DistributionSummary groupSizes;

    private final Thread writer;

    private volatile boolean closed;

    /**
     * @param transactionManager the transactions of the application's database
     * @param meterRegistry where the sizes of the groups are counted ({@value #GROUP_SIZE})
     */
    public GroupCommit(PlatformTransactionManager transactionManager, MeterRegistry meterRegistry) {
        this.transactions = new TransactionTemplate(transactionManager);
        // a new transaction even when a change is made inside one: the group's changes are not one caller's alone
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.groupSizes = DistributionSummary.builder(GROUP_SIZE)
                .description("Changes of the application's database committed in one transaction")
                .baseUnit("changes")
                .register(meterRegistry);
        this.writer = Thread.ofPlatform().name("hub-group-commit").daemon().start(this::writeQueued);
    }

    /**
     * Makes a change in the database and returns once it is committed, together with the changes made at the same
     * time.
     *
     * @param change the change: statements in the database, and nothing else
     * @param <T> what it returns
     * @return what the change returned
     * @throws RuntimeException what the change threw, run alone, or what its commit threw
     */
    public <T extends @Nullable Object> T commit(Supplier<T> change) {
        Change<T> mine = new Change<>(change);
        this.queued.add(mine);
        if (this.closed && this.queued.remove(mine)) {
            // closed meanwhile, and neither the writer nor close took it
            commitAlone(mine);
        }
        try {
            return mine.outcome.join();
        } catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw ex;
        }
    }

    /** Commits what is queued, then stops the writer; later changes are committed by the threads that make them. */
    @Override
    public void close() throws InterruptedException {
        this.closed = true;
        this.queued.add(CLOSE);
        this.writer.join();
        // made between the last take and closed: none is left waiting
        Change<?> left;
        while ((left = this.queued.poll()) != null) {
            if (left != CLOSE) {
                commitAlone(left);
            }
        }
    }

    private void writeQueued() {
        while (true) {
            List<Change<?>> group = new ArrayList<>();
            try {
                group.add(this.queued.take());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            this.queued.drainTo(group, MAX_GROUP - 1);
            boolean closing = group.remove(CLOSE);
            if (!group.isEmpty()) {
                commitGroup(group);
            }
            if (closing) {
                return;
            }
        }
    }

    private void commitGroup(List<Change<?>> group) {
        this.groupSizes.record(group.size());
        try {
            if (group.size() == 1) {
                commitAlone(group.getFirst());
            } else {
                commitTogether(group);
            }
        } catch (Throwable ex) {
            // an Error: nobody waits for ever, nobody is told that a change not committed was; the writer goes on
            for (Change<?> change : group) {
                change.outcome.completeExceptionally(
                        new IllegalStateException("Not committed: the commit of its group failed", ex));
            }
        }
    }

    private void commitTogether(List<Change<?>> group) {
        List<@Nullable Object> results;
        try {
            results = this.transactions.execute(status -> {
                List<@Nullable Object> made = new ArrayList<>(group.size());
                for (Change<?> change : group) {
                    made.add(change.work.get());
                }
                return made;
            });
        } catch (RuntimeException ex) {
            // rolled back, none of them made: each alone, so that only the one that fails fails
            group.forEach(this::commitAlone);
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).succeeded(results.get(i));
        }
    }

    private void commitAlone(Change<?> change) {
        try {
            change.succeeded(this.transactions.execute(status -> change.work.get()));
        } catch (RuntimeException ex) {
            change.outcome.completeExceptionally(ex);
        }
    }

    /** A change queued for the next commit, and its outcome once committed. */
    private static final class Change<T extends @Nullable Object> {

        private final Supplier<T> work;

        private final CompletableFuture<T> outcome = new CompletableFuture<>();

        Change(Supplier<T> work) {
            this.work = work;
        }

        @SuppressWarnings("unchecked")
        void succeeded(@Nullable Object result) {
            this.outcome.complete((T) result);
        }
    }
}
