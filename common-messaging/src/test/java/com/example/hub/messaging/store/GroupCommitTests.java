package com.example.hub.messaging.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes made while another commits are committed together, in one transaction; each still has its own outcome, and
 * none is reported done before it is committed.
 */
class GroupCommitTests {

    private final SimpleDriverDataSource dataSource = new SimpleDriverDataSource(
            new org.h2.Driver(), "jdbc:h2:mem:group-commit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");

    private final DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(this.dataSource);

    private final JdbcClient jdbc = JdbcClient.create(this.dataSource);

    private final MeterRegistry meterRegistry = new SimpleMeterRegistry();

    private final ExecutorService threads = Executors.newCachedThreadPool();

    private GroupCommit commits;

    @BeforeEach
    void createTable() {
        this.jdbc
                .sql("CREATE TABLE changes (name VARCHAR(32) PRIMARY KEY, in_transaction BIGINT)")
                .update();
        this.commits = new GroupCommit(this.transactionManager, this.meterRegistry);
    }

    @AfterEach
    void dropDatabase() throws InterruptedException {
        this.commits.close();
        this.threads.shutdownNow();
        this.jdbc.sql("DROP ALL OBJECTS DELETE FILES").update();
    }

    @Test
    void aChangeMadeAloneIsCommittedAtOnce() {
        assertThat(this.commits.commit(() -> insert("alone"))).isEqualTo(1);

        assertThat(names()).containsExactly("alone");
        assertThat(groups().count()).isEqualTo(1);
        assertThat(groups().max()).isEqualTo(1);
    }

    @Test
    void changesMadeWhileAnotherCommitsAreCommittedTogetherInOneTransaction() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = commitFirstUntilReleased(release, 1);
        List<CompletableFuture<Integer>> waiting = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            waiting.add(inThread(() -> insert(name)));
        }
        awaitWaitingForTheirCommit(3);

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        for (CompletableFuture<Integer> change : waiting) {
            assertThat(change.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(names()).containsExactlyInAnyOrder("first", "a", "b", "c");
        assertThat(this.jdbc
                        .sql("SELECT COUNT(DISTINCT in_transaction) FROM changes WHERE name IN ('a', 'b', 'c')")
                        .query(Long.class)
                        .single())
                .as("a, b and c in one transaction")
                .isEqualTo(1);
        assertThat(groups().count()).isEqualTo(2);
        assertThat(groups().max()).isEqualTo(3);
    }

    @Test
    void aGroupHoldsAtMostMaxGroupChangesAndTheRestFollowInTheNext() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = commitFirstUntilReleased(release, 1);
        List<CompletableFuture<Integer>> waiting = new ArrayList<>();
        for (int i = 0; i <= GroupCommit.MAX_GROUP; i++) {
            String name = "change-" + i;
            waiting.add(inThread(() -> insert(name)));
        }
        awaitWaitingForTheirCommit(GroupCommit.MAX_GROUP + 1);

        release.countDown();

        for (CompletableFuture<Integer> change : waiting) {
            assertThat(change.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(names()).hasSize(GroupCommit.MAX_GROUP + 2);
        assertThat(groups().count()).isEqualTo(3);
        assertThat(groups().max()).isEqualTo(GroupCommit.MAX_GROUP);
    }

    @Test
    void manyThreadsCommittingAtOnceEachGetTheirOwnChangeCommitted() throws Exception {
        int threads = 4 * GroupCommit.MAX_GROUP;
        int changesEach = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<Integer>>> committers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String thread = "t" + t;
            committers.add(CompletableFuture.supplyAsync(
                    () -> {
                        awaitQuietly(start);
                        List<Integer> outcomes = new ArrayList<>();
                        for (int i = 0; i < changesEach; i++) {
                            String name = thread + "-" + i;
                            outcomes.add(this.commits.commit(() -> insert(name)));
                        }
                        return outcomes;
                    },
                    this.threads));
        }

        start.countDown();

        for (CompletableFuture<List<Integer>> committer : committers) {
            assertThat(committer.get(60, TimeUnit.SECONDS)).hasSize(changesEach).containsOnly(1);
        }
        assertThat(names()).hasSize(threads * changesEach);
        assertThat(groups().max()).isLessThanOrEqualTo(GroupCommit.MAX_GROUP);
    }

    @Test
    void aChangeThatFailsInAGroupFailsAloneAndTheOthersAreCommitted() throws Exception {
        this.commits.commit(() -> insert("taken"));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = commitFirstUntilReleased(release, 2);
        CompletableFuture<Integer> before = inThread(() -> insert("before"));
        awaitWaitingForTheirCommit(1);
        CompletableFuture<Integer> failing = inThread(() -> insert("taken"));
        awaitWaitingForTheirCommit(2);
        CompletableFuture<Integer> after = inThread(() -> insert("after"));
        awaitWaitingForTheirCommit(3);

        release.countDown();

        assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(DuplicateKeyException.class);
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(names()).containsExactlyInAnyOrder("taken", "first", "before", "after");
    }

    @Test
    void aChangeIsCommittedInATransactionOfItsOwnEvenWhenItsThreadIsInOne() {
        TransactionTemplate outer = new TransactionTemplate(this.transactionManager);

        outer.executeWithoutResult(status -> {
            this.commits.commit(() -> insert("committed"));
            this.jdbc.sql("INSERT INTO changes (name) VALUES ('rolled back')").update();
            status.setRollbackOnly();
        });

        assertThat(names()).containsExactly("committed");
    }

    @Test
    void closingCommitsWhatIsQueuedAndLaterChangesAreCommittedByTheirThreads() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = commitFirstUntilReleased(release, 1);
        CompletableFuture<Integer> queued = inThread(() -> insert("queued"));
        awaitWaitingForTheirCommit(1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(
                () -> {
                    try {
                        this.commits.close();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                },
                this.threads);

        release.countDown();

        closing.get(10, TimeUnit.SECONDS);
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(this.commits.commit(() -> insert("after"))).isEqualTo(1);
        assertThat(names()).containsExactlyInAnyOrder("first", "queued", "after");
        assertThat(groups().count()).as("after closing, not by the writer").isEqualTo(2);
    }

    @Test
    void aChangeThatFailsAloneThrowsItsOwnExceptionAndLeavesNothing() {
        this.commits.commit(() -> insert("taken"));

        assertThatThrownBy(() -> this.commits.commit(() -> {
                    insert("half");
                    return insert("taken");
                }))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(names()).containsExactly("taken");
    }

    @Test
    void anErrorInAGroupLeavesNobodyWaitingAndNothingCommitted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = commitFirstUntilReleased(release, 1);
        CompletableFuture<Integer> fine = inThread(() -> insert("fine"));
        awaitWaitingForTheirCommit(1);
        CompletableFuture<Integer> broken = inThread(() -> {
            throw new OutOfMemoryError("a test's");
        });
        awaitWaitingForTheirCommit(2);

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> fine.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThatThrownBy(() -> broken.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(names()).containsExactly("first");
    }

    private int insert(String name) {
        return this.jdbc
                .sql("INSERT INTO changes (name, in_transaction) VALUES (:name, :transaction)")
                .param("name", name)
                // the connection the transaction holds: one per transaction
                .param(
                        "transaction",
                        System.identityHashCode(TransactionSynchronizationManager.getResource(this.dataSource)))
                .update();
    }

    private List<String> names() {
        return this.jdbc.sql("SELECT name FROM changes").query(String.class).list();
    }

    private DistributionSummary groups() {
        return this.meterRegistry.get(GroupCommit.GROUP_SIZE).summary();
    }

    private <T> CompletableFuture<T> inThread(Supplier<T> change) {
        return CompletableFuture.supplyAsync(() -> this.commits.commit(change), this.threads);
    }

    /**
     * Starts committing a change, "first", that keeps the writer busy until released; returns once its group, the given
     * one, was taken from the queue.
     */
    private CompletableFuture<Integer> commitFirstUntilReleased(CountDownLatch release, long group) {
        CompletableFuture<Integer> first = inThread(() -> {
            awaitQuietly(release);
            return insert("first");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> groups().count() == group);
        assertThat(first).isNotDone();
        return first;
    }

    private void awaitWaitingForTheirCommit(int threads) {
        await().atMost(Duration.ofSeconds(10)).until(() -> parkedInCommit() >= threads);
    }

    /** Threads of this test parked in {@link GroupCommit#commit}, waiting for their change's commit. */
    private long parkedInCommit() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getState() == Thread.State.WAITING)
                .filter(thread -> Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(GroupCommit.class.getName())
                                && frame.getMethodName().equals("commit")))
                .count();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Not released");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
