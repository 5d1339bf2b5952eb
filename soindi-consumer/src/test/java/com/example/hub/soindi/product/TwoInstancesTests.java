package com.example.hub.soindi.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.hub.messaging.odoo.ProductEvent;
import com.example.hub.messaging.topology.HubTopology;
import com.example.hub.testsupport.TemporaryVirtualHost;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two SOINDI instances consume one stream of events from the same queue into the same store: each event is applied
 * once, by one of them, and every product ends with its latest event, whatever the order of delivery.
 */
class TwoInstancesTests {

    private static final int PRODUCTS = 100;

    private static final int VERSIONS = 8;

    private static final int DUPLICATES = 100;

    @RegisterExtension
    final TemporaryVirtualHost virtualHost = new TemporaryVirtualHost();

    @Test
    void shareAStreamOfEventsThroughOneInMemoryH2() {
        String url = "jdbc:h2:mem:soindi-shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
        shareAStreamOfEvents("h2", url);
    }

    @Test
    void shareAStreamOfEventsThroughOnePostgresql() {
        TestPostgres postgres = TestPostgres.createDatabase("two_instances");
        this.virtualHost.closeAfterTest(postgres);
        shareAStreamOfEvents(
                "postgresql",
                postgres.url(),
                "--spring.datasource.username=" + TestPostgres.USER,
                "--spring.datasource.password=" + TestPostgres.PASSWORD);
    }

    private void shareAStreamOfEvents(String store, String datasourceUrl, String... datasourceArguments) {
        this.virtualHost.create("soindi-two-instances-" + store);
        SoindiInstance first = start(datasourceUrl, "instance-a", datasourceArguments);
        SoindiInstance second = start(datasourceUrl, "instance-b", datasourceArguments);
        Instant start = Instant.now();
        List<ProductEvent> events = new ArrayList<>();
        Map<String, ProductEvent> latest = new HashMap<>();
        for (int product = 0; product < PRODUCTS; product++) {
            String productId = "PROD-SHARED-%03d".formatted(product);
            for (int version = 0; version < VERSIONS; version++) {
                ProductEvent event = Events.updated(
                        productId, productId + " v" + version, version + ".10", start.plusSeconds(version));
                events.add(event);
                latest.put(productId, event);
            }
        }
        Random random = new Random(42);
        List<ProductEvent> stream = new ArrayList<>(events);
        for (int i = 0; i < DUPLICATES; i++) {
            stream.add(events.get(random.nextInt(events.size())));
        }
        // any order: versions of one product arrive late, and duplicates arrive anywhere
        Collections.shuffle(stream, random);

        Events.publishAll(first.publisher(), stream);

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(
                        () -> assertThat(first.handled() + second.handled()).isEqualTo(stream.size()));
        JdbcClient jdbc = first.jdbc();
        assertThat(count(jdbc, "select count(*) from applied_events")).isEqualTo(events.size());
        assertThat(count(jdbc, "select count(distinct event_id) from applied_events"))
                .isEqualTo(events.size());
        assertThat(first.handled("applied")
                        + first.handled("stale")
                        + second.handled("applied")
                        + second.handled("stale"))
                .as("events applied (or found stale): each once")
                .isEqualTo(events.size());
        assertThat(first.handled("duplicate") + second.handled("duplicate")).isEqualTo(DUPLICATES);
        assertThat(first.retried() + second.retried())
                .as("events tried again: concurrent batches lock the products in the same order, never in a cycle")
                .isZero();
        Map<String, Long> byInstance = jdbc
                .sql("select instance_id, count(*) from applied_events group by instance_id")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(byInstance).containsOnlyKeys("instance-a", "instance-b");
        assertThat(byInstance.values())
                .allSatisfy(applied -> assertThat(applied).isPositive());
        for (Map.Entry<String, ProductEvent> product : latest.entrySet()) {
            Product held = first.store().find(product.getKey()).orElseThrow();
            assertThat(held.lastEventId())
                    .as(product.getKey())
                    .isEqualTo(product.getValue().eventId());
            assertThat(held.name()).isEqualTo(product.getValue().payload().name());
        }
        assertThat(first.amqpAdmin()
                        .getQueueInfo(HubTopology.ODOO_EVENTS_DEAD_LETTER_QUEUE)
                        .getMessageCount())
                .isZero();
    }

    private SoindiInstance start(String datasourceUrl, String instanceId, String... datasourceArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.rabbitmq.listener.simple.prefetch=10", "--spring.rabbitmq.listener.simple.concurrency=2"));
        arguments.addAll(List.of(datasourceArguments));
        SoindiInstance instance = SoindiInstance.start(
                this.virtualHost.broker(),
                this.virtualHost.name(),
                datasourceUrl,
                instanceId,
                arguments.toArray(String[]::new));
        this.virtualHost.closeAfterTest(instance);
        return instance;
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
