package com.example.hub.messaging.store;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>A thread that makes a change queues it and waits for the commit lock. The thread that holds the lock (the leader)
 * takes the queued changes, up to {@value #MAX_GROUP} at a time, runs them in order in one new transaction, commits it
 * and hands each change its outcome, until its own is committed; the threads whose changes it committed find them done
 * when they get the lock. When
 * nothing else is queued a change is committed alone, as at once as before. Nobody is told that a change is done
 * before its transaction committed.
 *
 * <p>When the transaction of a group fails, none of its changes was made: each is then run again alone, in a
 * transaction of its own, so that only the change that fails fails, with its own exception, and the others take
 * effect. A change must therefore do nothing but its statements in the journal's database.
 */
public final class GroupCommit {

    /** The meter of how many changes were committed together. */
    public static final String GROUP_SIZE = "hub.store.commit.group";

    /** At most this many changes in one transaction, so that one group does not hold the others up for long. */
    public static final int MAX_GROUP = 64;

    private final Queue<Change<?>> queued = new ConcurrentLinkedQueue<>();

    private final ReentrantLock commitLock = new ReentrantLock();

    private final TransactionTemplate transactions;

    private final DistributionSummary groupSizes;

    /**
     * @param transactionManager the transactions of the application's database
     * @param meterRegistry where the sizes of the groups are counted ({@value #GROUP_SIZE})
     */
    public GroupCommit(PlatformTransactionManager transactionManager, MeterRegistry meterRegistry) {
        this.transactions = new TransactionTemplate(transactionManager);
        // a new transaction even when the leader's thread is in one: the group's changes are not the leader's alone
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.groupSizes = DistributionSummary.builder(GROUP_SIZE)
                .description("Changes of the application's database committed in one transaction")
                .baseUnit("changes")
                .register(meterRegistry);
    }

    /**
     * Makes a change in the journal and returns once it is committed, together with the changes made at the same time.
     *
     * @param change the change: statements in the journal's database, and nothing else
     * @param <T> what it returns
     * @return what the change returned
     * @throws RuntimeException what the change threw, run alone, or what its commit threw
     */
    public <T extends @Nullable Object> T commit(Supplier<T> change) {
        Change<T> mine = new Change<>(change);
        this.queued.add(mine);
        this.commitLock.lock();
        try {
            // more than a group may be queued before this one: commit groups until it is committed too
            while (!mine.done) {
                commitQueued();
            }
        } finally {
            this.commitLock.unlock();
        }
        return mine.outcome();
    }

    private void commitQueued() {
        List<Change<?>> group = new ArrayList<>();
        Change<?> next;
        while (group.size() < MAX_GROUP && (next = this.queued.poll()) != null) {
            group.add(next);
        }
        this.groupSizes.record(group.size());
        try {
            if (group.size() == 1) {
                commitAlone(group.getFirst());
            } else {
                commitTogether(group);
            }
        } finally {
            // an Error: nobody waits for ever, nobody is told that a change not committed was
            for (Change<?> change : group) {
                if (!change.done) {
                    change.failed(new IllegalStateException("Not committed: the commit of its group failed"));
                }
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
            change.failed(ex);
        }
    }

    /**
     * A change queued for the next commit, and its outcome once committed. Its fields are written and read under
     * {@link #commitLock}.
     */
    private static final class Change<T extends @Nullable Object> {

        private final Supplier<T> work;

        private boolean done;

        private @Nullable Object result;

        private @Nullable RuntimeException failure;

        Change(Supplier<T> work) {
            this.work = work;
        }

        void succeeded(@Nullable Object result) {
            this.result = result;
            this.done = true;
        }

        void failed(RuntimeException failure) {
            this.failure = failure;
            this.done = true;
        }

        @SuppressWarnings("unchecked")
        T outcome() {
            if (this.failure != null) {
                throw this.failure;
            }
            return (T) this.result;
        }
    }
}
