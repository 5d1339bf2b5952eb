package com.example.hub.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.HubMessagingProperties;
import com.example.hub.messaging.envelope.MessageEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The inbox keeps a handled message for {@code hub.messaging.inbox.retention} (30 days by default), then removes it in
 * batches on a schedule of its own; a retention too short to outlive a redelivery is refused at start.
 */
class InboxRetentionTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HubInboxAutoConfiguration.class))
            .withUserConfiguration(Database.class)
            .withPropertyValues("hub.messaging.inbox.enabled=true");

    @Test
    void messagesOlderThanThirtyDaysAreRemovedInBatchesAndNewerOnesKept() {
        this.contexts
                .withPropertyValues("hub.messaging.inbox.retention-batch-size=2")
                .run(context -> {
                    Inbox inbox = context.getBean(Inbox.class);
                    JdbcClient jdbc = context.getBean(JdbcClient.class);
                    List<String> old =
                            List.of(handled(inbox), handled(inbox), handled(inbox), handled(inbox), handled(inbox));
                    String recent = handled(inbox);
                    String almostExpired = handled(inbox);
                    handledAgo(jdbc, old, Duration.ofDays(31));
                    handledAgo(jdbc, List.of(almostExpired), Duration.ofDays(29));

                    assertThat(context.getBean(InboxRetention.class).removeExpired())
                            .isEqualTo(5);

                    assertThat(old).allSatisfy(id -> assertThat(inbox.find(id)).isEmpty());
                    assertThat(inbox.find(recent)).isPresent();
                    assertThat(inbox.find(almostExpired)).isPresent();
                });
    }

    @Test
    void theRetentionRunsOnItsOwnSchedule() {
        this.contexts
                .withPropertyValues("hub.messaging.inbox.retention-interval=200ms")
                .run(context -> {
                    Inbox inbox = context.getBean(Inbox.class);
                    String old = handled(inbox);
                    handledAgo(context.getBean(JdbcClient.class), List.of(old), Duration.ofDays(40));

                    assertThat(context.getBean(InboxRetention.class).isRunning())
                            .isTrue();
                    await().atMost(Duration.ofSeconds(10))
                            .untilAsserted(() -> assertThat(inbox.find(old)).isEmpty());
                });
    }

    @Test
    void aRetentionOfZeroKeepsEveryMessage() {
        this.contexts.withPropertyValues("hub.messaging.inbox.retention=0s").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(InboxRetention.class).isRunning()).isFalse();
        });
    }

    @Test
    void aRetentionThatARedeliveryCouldOutliveIsRefused() {
        this.contexts
                .withPropertyValues("hub.messaging.inbox.retention=12h")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("hub.messaging.inbox.retention must be at least PT24H"));
        this.contexts
                .withUserConfiguration(HubSettings.class)
                .withPropertyValues("hub.messaging.inbox.retention=2d", "hub.messaging.retry.give-up-after=3d")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("must be longer than hub.messaging.retry.give-up-after"));
    }

    private static String handled(Inbox inbox) {
        String messageId = UUID.randomUUID().toString();
        inbox.record(
                messageId, MessageEnvelope.request("R-" + messageId, "1C", "DMS", "create_user", Map.of()), List.of());
        return messageId;
    }

    private static void handledAgo(JdbcClient jdbc, List<String> messageIds, Duration ago) {
        jdbc.sql("UPDATE hub_inbox SET handled_at = :handledAt WHERE message_id IN (:messageIds)")
                .param(
                        "handledAt",
                        Instant.now().minus(ago).truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC))
                .param("messageIds", messageIds)
                .update();
    }

    /** A database of the test's own, with the inbox's table as the applications' migrations create it. */
    @Configuration(proxyBeanMethods = false)
    static class Database {

        @Bean
        DataSource dataSource() {
            return new SimpleDriverDataSource(
                    new org.h2.Driver(),
                    "jdbc:h2:mem:inbox-" + UUID.randomUUID()
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        }

        @Bean
        JdbcClient jdbcClient(DataSource dataSource) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("""
                    CREATE TABLE hub_inbox (
                        message_id   VARCHAR(255) NOT NULL PRIMARY KEY,
                        request_id   VARCHAR(255) NOT NULL,
                        message_type VARCHAR(100) NOT NULL,
                        sent         TEXT         NOT NULL,
                        handled_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL)
                    """).update();
            jdbc.sql("CREATE INDEX hub_inbox_handled_at_idx ON hub_inbox (handled_at)")
                    .update();
            return jdbc;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HubMessagingProperties.class)
    static class HubSettings {}
}
