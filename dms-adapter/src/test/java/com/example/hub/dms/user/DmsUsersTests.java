package com.example.hub.dms.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@JdbcTest(properties = "spring.datasource.url=jdbc:h2:mem:dms-users-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import(DmsUsers.class)
class DmsUsersTests {

    @Autowired
    DmsUsers users;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void empty() {
        this.jdbc.sql("DELETE FROM users").update();
    }

    @Test
    void createsAUserWithADmsId() {
        DmsUsers.Registration registration = this.users.create("U-1", "Ivan Petrov", "ivan@example.com");

        assertThat(registration.created()).isTrue();
        assertThat(registration.user().dmsUserId()).matches("DMS-USER-[0-9A-F]{8}");
        assertThat(registration.user().createdAt()).isNotNull();
        assertThat(this.users.find("U-1")).contains(registration.user());
    }

    @Test
    void theSameUserIdTwiceIsTheSameUserUnchanged() {
        DmsUser first =
                this.users.create("U-1", "Ivan Petrov", "ivan@example.com").user();

        DmsUsers.Registration again = this.users.create("U-1", "Ivan P.", "other@example.com");

        assertThat(again.created()).isFalse();
        assertThat(again.user()).isEqualTo(first);
    }

    @Test
    void differentUsersGetDifferentDmsIds() {
        List<String> ids = IntStream.range(0, 1000)
                .mapToObj(i -> this.users
                        .create("U-" + i, "User " + i, i + "@example.com")
                        .user()
                        .dmsUserId())
                .toList();

        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void concurrentCreationsOfOneUserCreateItOnce() throws Exception {
        Callable<DmsUsers.Registration> create = () -> this.users.create("U-9", "Same User", "same@example.com");
        List<DmsUsers.Registration> registrations;
        try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
            List<Future<DmsUsers.Registration>> futures = executor.invokeAll(
                    IntStream.range(0, 64).mapToObj(i -> create).toList());
            registrations = futures.stream().map(DmsUsersTests::get).toList();
        }

        assertThat(registrations).filteredOn(DmsUsers.Registration::created).hasSize(1);
        assertThat(registrations)
                .extracting(registration -> registration.user().dmsUserId())
                .containsOnly(registrations.getFirst().user().dmsUserId());
    }

    private static DmsUsers.Registration get(Future<DmsUsers.Registration> future) {
        try {
            return future.get();
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }
}
