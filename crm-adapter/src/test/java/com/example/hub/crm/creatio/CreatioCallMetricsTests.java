package com.example.hub.crm.creatio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's calls to fake Creatio over real HTTP, as the {@code creatio.calls} timer counts them. */
class CreatioCallMetricsTests {

    @RegisterExtension
    static final FakeCreatio creatio = new FakeCreatio();

    private MeterRegistry meters;

    private CreatioClient client;

    @BeforeEach
    void newClient() {
        this.meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
        this.client = TestCreatio.client(
                TestCreatio.properties(creatio.baseUrl(), "Supervisor", Duration.ofSeconds(10)), observations);
    }

    @Test
    void eachCallIsTimedByOperationAndOutcomeAndALoginByWhetherItRenewedTheSession() {
        this.client.updateOrderStatus("ORD1", "Shipped");
        this.client.orderHasStatus("ORD1", "Shipped");
        this.client.checkSession();
        creatio.controls().expireSessions();
        this.client.updateOrderStatus("ORD1", "Delivered");

        assertThat(count("login", "success", "new")).isEqualTo(1);
        assertThat(count("login", "success", "renewal")).isEqualTo(1);
        assertThat(count("update_order", "success", null)).isEqualTo(2);
        assertThat(count("get_order", "success", null)).isEqualTo(1);
        assertThat(count("find_order", "success", null))
                .as("the order's GUID remembered")
                .isEqualTo(1);
        assertThat(count("order_statuses", "success", null))
                .as("the statuses remembered")
                .isEqualTo(1);
        assertThat(count("session_check", "success", null)).isEqualTo(1);
        Timer updates = this.meters
                .find(CreatioClient.CALLS)
                .tags("operation", "update_order", "outcome", "success")
                .timer();
        assertThat(updates.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void aFailedCallCountsAsTransientPermanentOrAuthentication() {
        this.client.checkSession();
        // the order's GUID and the statuses found: the failures hit the PATCH
        this.client.updateOrderStatus("ORD2", "Paid");
        creatio.controls().failNext(1, 503, "odata");
        assertThatThrownBy(() -> this.client.updateOrderStatus("ORD2", "Shipped"))
                .isInstanceOf(CreatioTransientException.class);
        creatio.controls().failNext(1, 400, "odata");
        assertThatThrownBy(() -> this.client.updateOrderStatus("ORD2", "Shipped"))
                .isInstanceOf(CreatioPermanentException.class)
                .isNotInstanceOf(CreatioAuthenticationException.class);
        creatio.controls().failNext(2, 401, "odata");
        assertThatThrownBy(() -> this.client.updateOrderStatus("ORD2", "Shipped"))
                .isInstanceOf(CreatioAuthenticationException.class);

        assertThat(count("update_order", "transient", null)).isEqualTo(1);
        assertThat(count("update_order", "permanent", null)).isEqualTo(1);
        assertThat(count("update_order", "authentication", null)).isEqualTo(1);
        assertThat(this.meters
                        .find(CreatioClient.CALLS)
                        .tags("operation", "update_order", "outcome", "transient")
                        .timer()
                        .getId()
                        .getTag("error"))
                .isEqualTo("CreatioTransientException");
    }

    private long count(String operation, String outcome, String session) {
        Search search = this.meters.find(CreatioClient.CALLS).tags("operation", operation, "outcome", outcome);
        if (session != null) {
            search = search.tag("session", session);
        }
        Timer timer = search.timer();
        return timer == null ? 0 : timer.count();
    }
}
