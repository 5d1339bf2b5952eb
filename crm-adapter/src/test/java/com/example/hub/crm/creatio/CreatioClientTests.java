package com.example.hub.crm.creatio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.hub.creatio.FakeCreatioServer;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The client against fake Creatio, started in-process on a free port and called over real HTTP. */
class CreatioClientTests {

    private static final String LOGIN_PATH = "/ServiceModel/AuthService.svc/Login";

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
    void updateOrderFieldsStoresThePolicyFieldsBesideTheStatus() {
        CreatioClient client = client(creatio.baseUrl());
        client.updateOrderStatus("ORD1", "Paid");

        client.updateOrderFields(
                "ORD1",
                Map.of(
                        "PolicyNumber", "POL-1",
                        "PolicyInsurer", "Acme Insurance",
                        "PolicyStatus", "Active",
                        "PolicyStartDate", "2026-01-01",
                        "PolicyEndDate", "2026-12-31"));

        JsonNode order = creatio.controls().order("ORD1").orElseThrow();
        assertThat(order.path("Status").path("Name").asString()).isEqualTo("Paid");
        assertThat(order.path("PolicyNumber").asString()).isEqualTo("POL-1");
        assertThat(order.path("PolicyInsurer").asString()).isEqualTo("Acme Insurance");
        assertThat(order.path("PolicyStatus").asString()).isEqualTo("Active");
        assertThat(order.path("PolicyStartDate").asString()).isEqualTo("2026-01-01");
        assertThat(order.path("PolicyEndDate").asString()).isEqualTo("2026-12-31");
    }

    @Test
    void getOrderReadsTheOrderThroughOData() {
        CreatioClient client = client(creatio.baseUrl());
        creatio.controls().putOrder("ORD7", "{\"Status\":{\"Name\":\"New\"},\"PolicyNumber\":\"POL-7\"}");

        Map<String, Object> order = client.getOrder("ORD7");

        assertThat(order)
                .containsEntry("Id", "ORD7")
                .containsEntry("Status", Map.of("Name", "New"))
                .containsEntry("PolicyNumber", "POL-7")
                .containsKey("ModifiedOn");
    }

    @Test
    void getOrderOfUnknownOrderIsPermanentWith404() {
        CreatioClient client = client(creatio.baseUrl());

        assertThatThrownBy(() -> client.getOrder("ORD404"))
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("404")
                .hasMessageContaining("ORD404");
    }

    @Test
    void theSessionIsReusedAcrossCalls() {
        CreatioClient client = client(creatio.baseUrl());

        for (int i = 1; i <= 5; i++) {
            client.updateOrderStatus("ORD" + i, "Shipped");
        }

        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("loginCalls").asInt()).isEqualTo(1);
        assertThat(stats.path("odataCalls").asInt()).isEqualTo(5);
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
        assertThat(stats.path("odataCalls").asInt()).isEqualTo(callers);
        assertThat(stats.path("orders").asInt()).isEqualTo(callers);
    }

    @Test
    void anExpiredSessionLeadsToOneNewLoginAndTheCallSucceeds() {
        CreatioClient client = client(creatio.baseUrl());
        client.updateOrderStatus("ORD1", "Paid");

        creatio.controls().expireSessions();
        client.updateOrderStatus("ORD1", "Shipped");

        assertThat(creatio.controls()
                        .order("ORD1")
                        .orElseThrow()
                        .path("Status")
                        .path("Name")
                        .asString())
                .isEqualTo("Shipped");
        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("loginCalls").asInt()).isEqualTo(2);
        assertThat(stats.path("odataCalls").asInt())
                .as("PATCH, PATCH answered 401, repeated PATCH")
                .isEqualTo(3);
    }

    @Test
    void a401ThatPersistsAfterTheNewLoginIsAnAuthenticationFailure() {
        CreatioClient client = client(creatio.baseUrl());
        creatio.controls().failNext(2, 401, "odata");

        assertThatThrownBy(() -> client.updateOrderStatus("ORD1", "Shipped"))
                .isInstanceOf(CreatioAuthenticationException.class)
                .hasMessageContaining("401");
        assertThat(creatio.controls().stats().path("loginCalls").asInt())
                .as("one login, one new login")
                .isEqualTo(2);
    }

    @Test
    void a403ThatPersistsAfterTheNewLoginIsPermanent() {
        CreatioClient client = client(creatio.baseUrl());
        creatio.controls().failNext(2, 403, "odata");

        assertThatThrownBy(() -> client.updateOrderStatus("ORD1", "Shipped"))
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("403")
                .extracting(e -> ((CreatioException) e).httpStatus().getAsInt())
                .isEqualTo(403);
        assertThat(creatio.controls().stats().path("loginCalls").asInt()).isEqualTo(2);
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
    void anUnknownOrderInStrictModeIsPermanentMentioning404() {
        try (FakeCreatioServer strict = FakeCreatioServer.start("fake-creatio.strict-orders=true")) {
            CreatioClient client = client(strict.baseUrl());

            assertThatThrownBy(() -> client.updateOrderStatus("ORD404", "Shipped"))
                    .isInstanceOf(CreatioPermanentException.class)
                    .hasMessageContaining("HTTP 404")
                    .hasMessageContaining("ORD404")
                    .extracting(e -> ((CreatioException) e).httpStatus().getAsInt())
                    .isEqualTo(404);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 429})
    void serverErrorsAndThrottlingAreTransient(int status) {
        CreatioClient client = client(creatio.baseUrl());
        creatio.controls().failNext(1, status, "odata");

        assertThatThrownBy(() -> client.updateOrderStatus("ORD1", "Shipped"))
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
        creatio.controls().failNext(1, status, "odata");

        assertThatThrownBy(() -> client.updateOrderStatus("ORD1", "Shipped"))
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("HTTP " + status);
    }

    @Test
    void aFailingLoginIsTransientAndTheNextCallLogsIn() {
        CreatioClient client = client(creatio.baseUrl());
        creatio.controls().failNext(1, 503, "login");

        assertThatThrownBy(() -> client.updateOrderStatus("ORD1", "Shipped"))
                .isInstanceOf(CreatioTransientException.class)
                .hasMessageContaining(LOGIN_PATH)
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

        assertThatThrownBy(() -> client.updateOrderStatus("ORD-SLOW", "Shipped"))
                .isInstanceOf(CreatioTransientException.class)
                .hasMessageContaining("PATCH")
                .hasMessageContaining("read timeout of 2000 ms");
    }

    @Test
    void anOrderIdThatIsNoCreatioKeyIsPermanentWithoutACall() {
        CreatioClient client = client(creatio.baseUrl());

        assertThatThrownBy(() -> client.updateOrderStatus("ORD 1/../x", "Shipped"))
                .isInstanceOf(CreatioPermanentException.class)
                .hasMessageContaining("ORD 1/../x");
        assertThat(creatio.controls().stats().path("loginCalls").asInt()).isZero();
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
        assertThat(stats.path("odataCalls").asInt()).as("no call answered 401").isEqualTo(4);
        assertThat(creatio.controls()
                        .order("ORD1")
                        .orElseThrow()
                        .path("Status")
                        .path("Name")
                        .asString())
                .isEqualTo("Shipped");
    }

    @Test
    void checkSessionWithoutASessionLogsInForTheLaterCalls() {
        CreatioClient client = client(creatio.baseUrl());

        client.checkSession();
        client.updateOrderStatus("ORD1", "Paid");

        JsonNode stats = creatio.controls().stats();
        assertThat(stats.path("loginCalls").asInt()).isEqualTo(1);
        assertThat(stats.path("odataCalls").asInt()).isEqualTo(2);
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
                .isEqualTo(4);
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
        assertThat(stats.path("odataCalls").asInt()).isEqualTo(3);
    }

    private static CreatioClient client(URI baseUrl) {
        return client(properties(baseUrl, "Supervisor", Duration.ofSeconds(10)));
    }

    private static CreatioClient client(CreatioProperties properties) {
        return new CreatioClient(RestClient.builder(), properties, ObservationRegistry.NOOP);
    }

    private static CreatioProperties properties(URI baseUrl, String password, Duration readTimeout) {
        return new CreatioProperties(
                baseUrl, "Supervisor", password, LOGIN_PATH, "/0/odata", Duration.ofSeconds(2), readTimeout);
    }
}
