package com.example.hub.crm.creatio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.hub.creatio.FakeCreatioServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The client against fake Creatio, started in-process on a free port and called over real HTTP. */
class CreatioClientTests {

    @RegisterExtension
    static final FakeCreatio creatio = new FakeCreatio();

    @Test
    void updateOrderStatusCreatesThenUpdatesTheOrder() {
        CreatioClient client = client(creatio.baseUrl());

        client.updateOrderStatus("ORD9876", "Paid");
        assertThat(creatio.controls().order("ORD9876"))
                .hasValueSatisfying(order ->
                        assertThat(order.path("Status").path("Name").asString()).isEqualTo("Paid"));

        client.updateOrderStatus("ORD9876", "Shipped");
        assertThat(creatio.controls().order("ORD9876"))
                .hasValueSatisfying(order ->
                        assertThat(order.path("Status").path("Name").asString()).isEqualTo("Shipped"));
    }

    @Test
    void thePolicyGoesIntoTheCustomColumnsBesideTheStatus() {
        CreatioClient client = client(withColumns(
                properties(creatio.baseUrl(), "Supervisor", Duration.ofSeconds(10)),
                new CreatioProperties.PolicyColumns(
                        "UsrPolicyNumber", "UsrInsurer", "UsrPolicyStatus", "UsrPolicyStartDate", "UsrPolicyEndDate")));
        client.updateOrderStatus("ORD1", "Paid");

        client.recordPolicy("ORD1", new OrderPolicy("POL-1", "Acme Insurance", "Active", "2026-01-01", "2026-12-31"));

        JsonNode order = creatio.controls().order("ORD1").orElseThrow();
        assertThat(order.path("Status").path("Name").asString()).isEqualTo("Paid");
        assertThat(order.path("UsrPolicyNumber").asString()).isEqualTo("POL-1");
        assertThat(order.path("UsrInsurer").asString()).isEqualTo("Acme Insurance");
        assertThat(order.path("UsrPolicyStatus").asString()).isEqualTo("Active");
        assertThat(order.path("UsrPolicyStartDate").asString()).isEqualTo("2026-01-01");
        assertThat(order.path("UsrPolicyEndDate").asString()).isEqualTo("2026-12-31");
        assertThat(client.orderHasPolicy(
                        "ORD1", new OrderPolicy("POL-1", "Acme Insurance", "Active", "2026-01-01", "2026-12-31")))
                .isTrue();
        assertThat(client.orderHasPolicy("ORD1", new OrderPolicy("POL-2", null, "NOT_FOUND", null, null)))
                .isFalse();
    }

    @Test
    void withoutCustomColumnsThePolicyIsALineOfTheOrdersCommentWrittenOnce() {
        CreatioClient client = client(creatio.baseUrl());
        OrderPolicy policy = new OrderPolicy("POL-1", "Acme Insurance", "Active", "2026-01-01", "2026-12-31");

        client.recordPolicy("ORD9876", policy);
        client.recordPolicy("ORD9876", policy);

        assertThat(creatio.controls()
                        .order("ORD9876")
                        .orElseThrow()
                        .path("Comment")
                        .asString())
                .isEqualTo("Policy (from DMS): number POL-1, insurer Acme Insurance, status Active, start date"
                        + " 2026-01-01, end date 2026-12-31");
        assertThat(client.orderHasPolicy("ORD9876", policy)).isTrue();
        assertThat(creatio.controls().patches("ORD9876")).isEqualTo(1);
    }

    @Test
    void orderHasStatusReadsTheOrdersStatusId() {
        CreatioClient client = client(creatio.baseUrl());
        client.updateOrderStatus("ORD9876", "Shipped");

        assertThat(client.orderHasStatus("ORD9876", "Shipped")).isTrue();
        assertThat(client.orderHasStatus("ORD9876", "Paid")).isFalse();
    }

    @Test
    void anOrderNumberWithQuotesAndSpacesIsFoundThroughTheFakesFilter() {
        CreatioClient client = client(creatio.baseUrl());

        client.updateOrderStatus("O'Brien + Co 1/2", "Shipped");

        assertThat(creatio.controls().order("O'Brien + Co 1/2"))
                .hasValueSatisfying(order ->
                        assertThat(order.path("Status").path("Name").asString()).isEqualTo("Shipped"));
    }

    @Test
    void anUnknownStatusIsPermanentListingCreatiosStatuses() {
        CreatioClient client = client(creatio.baseUrl());

        assertThatThrownBy(() -> client.updateOrderStatus("ORD9876", "Lost"))
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("no order status 'Lost'")
                .hasMessageContaining("'1. Draft'")
                .hasMessageContaining("'Shipped'");
    }

    @Test
    void twoOrdersWithTheNumberArePermanent() {
        CreatioClient client = client(creatio.baseUrl());
        creatio.controls().addOrder("ORD9876");

        assertThatThrownBy(() -> client.updateOrderStatus("ORD9876", "Shipped"))
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("more than one order whose Number is 'ORD9876'");
    }

    @Test
    void theConfiguredColumnsAreCheckedAgainstTheFakesMetadata() {
        CreatioProperties properties = properties(creatio.baseUrl(), "Supervisor", Duration.ofSeconds(10));

        assertThat(client(properties).missingColumns()).isEmpty();
        assertThat(client(withColumns(
                                properties,
                                new CreatioProperties.PolicyColumns(
                                        "UsrPolicyNumber", "UsrPolicyHolder", null, null, null)))
                        .missingColumns())
                .containsExactly("Order.UsrPolicyHolder");
    }

    @Test
    void theSessionIsReusedAcrossCalls() {
        CreatioClient client = client(creatio.baseUrl());

        for (int i = 1; i <= 5; i++) {
            client.updateOrderStatus("ORD" + i, "Shipped");
        }

        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("loginCalls").asInt()).isEqualTo(1);
        assertThat(stats.path("odataCalls").asInt())
                .as("each order found by number and patched, the statuses read once")
                .isEqualTo(11);
    }

    @Test
    void concurrentCallersShareOneLogin() throws Exception {
        CreatioClient client = client(creatio.baseUrl());
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                String orderId = "ORD-C" + i;
                calls.add(executor.submit(() -> {
                    start.await();
                    client.updateOrderStatus(orderId, "Shipped");
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
        }

        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("loginCalls").asInt()).isEqualTo(1);
        assertThat(stats.path("odataCalls").asInt()).isEqualTo(2 * callers + 1);
        assertThat(stats.path("orders").asInt()).as("and ORD9876 of the seed").isEqualTo(callers + 1);
    }

    @Test
    void anExpiredSessionLeadsToOneNewLoginAndTheCallSucceeds() {
        CreatioClient client = client(creatio.baseUrl());
        client.updateOrderStatus("ORD1", "Paid");

        creatio.controls().expireSessions();
        client.updateOrderStatus("ORD1", "Shipped");

        assertThat(statusOf("ORD1")).isEqualTo("Shipped");
        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("loginCalls").asInt()).isEqualTo(2);
        assertThat(stats.path("odataCalls").asInt())
                .as("find, statuses, PATCH, PATCH answered 401, repeated PATCH")
                .isEqualTo(5);
    }

    @Test
    void a401ThatPersistsAfterTheNewLoginIsAnAuthenticationFailure() {
        CreatioClient client = client(creatio.baseUrl());
        assertThatUpdateFails(client, 2, 401, "odata")
                .isInstanceOf(CreatioAuthenticationException.class)
                .hasMessageContaining("401");
        assertThat(creatio.controls().stats().path("loginCalls").asInt())
                .as("one login, one new login")
                .isEqualTo(2);
    }

    @Test
    void a403IsAPermanentConfigurationErrorWithoutANewLogin() {
        CreatioClient client = client(creatio.baseUrl());
        assertThatUpdateFails(client, 1, 403, "odata")
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("configuration error")
                .extracting(e -> ((CreatioException) e).httpStatus().getAsInt())
                .isEqualTo(403);
        assertThat(creatio.controls().stats().path("loginCalls").asInt()).isEqualTo(1);
        assertThat(creatio.controls().order("ORD1")).isEmpty();
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureWithCreatiosMessage() {
        CreatioClient client = client(properties(creatio.baseUrl(), "wrong", Duration.ofSeconds(10)));

        assertThatThrownBy(() -> client.updateOrderStatus("ORD1", "Shipped"))
                .isInstanceOf(CreatioAuthenticationException.class)
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("Either user name or password specified incorrectly")
                .satisfies(e -> assertThat(((CreatioException) e).httpStatus()).isEmpty());
        assertThat(creatio.controls().stats().path("odataCalls").asInt()).isZero();
    }

    @Test
    void anUnknownOrderInStrictModeIsPermanent() {
        try (FakeCreatioServer strict = FakeCreatioServer.start("fake-creatio.strict-orders=true")) {
            CreatioClient client = client(strict.baseUrl());

            assertThatThrownBy(() -> client.updateOrderStatus("ORD404", "Shipped"))
                    .isInstanceOf(CreatioPermanentException.class)
                    .hasMessageContaining("Creatio has no order whose Number is 'ORD404'");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 429})
    void serverErrorsAndThrottlingAreTransient(int status) {
        CreatioClient client = client(creatio.baseUrl());
        assertThatUpdateFails(client, 1, status, "odata")
                .isInstanceOf(CreatioTransientException.class)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining("Failure injected");

        client.updateOrderStatus("ORD1", "Shipped");
        assertThat(creatio.controls().order("ORD1")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 405, 409, 422})
    void clientErrorsArePermanent(int status) {
        CreatioClient client = client(creatio.baseUrl());
        assertThatUpdateFails(client, 1, status, "odata")
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("HTTP " + status);
    }

    @Test
    void aFailingLoginIsTransientAndTheNextCallLogsIn() {
        CreatioClient client = client(creatio.baseUrl());
        assertThatUpdateFails(client, 1, 503, "login")
                .isInstanceOf(CreatioTransientException.class)
                .hasMessageContaining(TestCreatio.LOGIN_PATH)
                .hasMessageContaining("HTTP 503");

        client.updateOrderStatus("ORD1", "Shipped");
        assertThat(creatio.controls().stats().path("loginCalls").asInt()).isEqualTo(2);
        assertThat(creatio.controls().order("ORD1")).isPresent();
    }

    @Test
    void aStoppedCreatioIsTransient() {
        CreatioClient client;
        try (FakeCreatioServer doomed = FakeCreatioServer.start()) {
            client = client(doomed.baseUrl());
            client.updateOrderStatus("ORD1", "Paid");
        }

        assertThatThrownBy(() -> client.updateOrderStatus("ORD1", "Shipped"))
                .isInstanceOf(CreatioTransientException.class)
                .hasMessageContaining("connection refused")
                .satisfies(e -> assertThat(((CreatioException) e).httpStatus()).isEmpty());
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsTransient() {
        CreatioClient client = client(properties(creatio.baseUrl(), "Supervisor", Duration.ofSeconds(2)));
        client.updateOrderStatus("ORD-FAST", "Paid");

        creatio.controls().latency(6_000);

        assertThatThrownBy(() -> client.updateOrderStatus("ORD-FAST", "Shipped"))
                .isInstanceOf(CreatioTransientException.class)
                .hasMessageContaining("PATCH")
                .hasMessageContaining("read timeout of 2000 ms");
    }

    @Test
    void checkSessionUsesTheSessionOfTheCallsAndLogsInNoMore() {
        CreatioClient client = client(creatio.baseUrl());
        client.updateOrderStatus("ORD1", "Paid");

        client.checkSession();
        client.checkSession();
        client.updateOrderStatus("ORD1", "Shipped");

        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("loginCalls").asInt()).isEqualTo(1);
        assertThat(stats.path("activeSessions").asInt()).isEqualTo(1);
        assertThat(stats.path("odataCalls").asInt()).as("no call answered 401").isEqualTo(6);
        assertThat(statusOf("ORD1")).isEqualTo("Shipped");
    }

    @Test
    void checkSessionWithoutASessionLogsInForTheLaterCalls() {
        CreatioClient client = client(creatio.baseUrl());

        client.checkSession();
        client.updateOrderStatus("ORD1", "Paid");

        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("loginCalls").asInt()).isEqualTo(1);
        assertThat(stats.path("odataCalls").asInt()).isEqualTo(4);
    }

    @Test
    void checkSessionRenewsASessionCreatioNoLongerAccepts() {
        CreatioClient client = client(creatio.baseUrl());
        client.updateOrderStatus("ORD1", "Paid");
        creatio.controls().expireSessions();

        client.checkSession();
        client.updateOrderStatus("ORD1", "Shipped");

        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("successfulLogins").asInt()).isEqualTo(2);
        assertThat(stats.path("activeSessions").asInt()).isEqualTo(1);
        assertThat(stats.path("odataCalls").asInt())
                .as("the check answered 401 once")
                .isEqualTo(6);
    }

    @Test
    void checkSessionWithAWrongPasswordIsAnAuthenticationFailure() {
        CreatioClient client = client(properties(creatio.baseUrl(), "wrong", Duration.ofSeconds(10)));

        assertThatThrownBy(client::checkSession)
                .isInstanceOf(CreatioAuthenticationException.class)
                .hasMessageContaining("Either user name or password specified incorrectly");
    }

    @Test
    void aFailedCheckSessionKeepsTheSessionInUse() {
        CreatioClient client = client(creatio.baseUrl());
        client.updateOrderStatus("ORD1", "Paid");
        creatio.controls().failNext(1, 503, "odata");

        assertThatThrownBy(client::checkSession)
                .isInstanceOf(CreatioTransientException.class)
                .hasMessageContaining("HTTP 503");
        client.updateOrderStatus("ORD1", "Shipped");

        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("successfulLogins").asInt()).isEqualTo(1);
        assertThat(stats.path("odataCalls").asInt()).isEqualTo(5);
    }

    /**
     * Creatio answers the next calls of a kind with an error status; the client's update of ORD1 to Shipped meets
     * them.
     */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertThatUpdateFails(
            CreatioClient client, int times, int status, String calls) {
        creatio.controls().failNext(times, status, calls);
        return assertThatThrownBy(() -> client.updateOrderStatus("ORD1", "Shipped"));
    }

    /** The status of an order in fake Creatio, by name. */
    private static String statusOf(String orderNumber) {
        return creatio.controls()
                .order(orderNumber)
                .orElseThrow()
                .path("Status")
                .path("Name")
                .asString();
    }

    private static CreatioClient client(URI baseUrl) {
        return client(properties(baseUrl, "Supervisor", Duration.ofSeconds(10)));
    }

    private static CreatioClient client(CreatioProperties properties) {
        return TestCreatio.client(properties);
    }

    private static CreatioProperties properties(URI baseUrl, String password, Duration readTimeout) {
        return TestCreatio.properties(baseUrl, password, readTimeout);
    }

    private static CreatioProperties withColumns(
            CreatioProperties properties, CreatioProperties.PolicyColumns columns) {
        return TestCreatio.properties(
                properties.baseUrl(),
                properties.password(),
                properties.readTimeout(),
                properties.orderNumberColumn(),
                properties.statusMap(),
                columns);
    }
}
