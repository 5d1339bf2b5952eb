package com.example.hub.system.fault;

import static com.example.hub.system.fault.FaultAssertions.assertNothingLostNothingDoneTwice;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Creatio down (the fake-creatio process stopped: connections refused) for 60 s and for 5 minutes under CRM load,
 * with and without the policy look-up: an outage shorter than the retry horizon ends with every request
 * {@code COMPLETED}, each order patched once.
 */
@FaultSuite
class FaultCreatioOutageTests {

    static final int RATE = 20;

    @Test
    @Order(1)
    void aSixtySecondCreatioOutageFailsNoOrderUpdate(FaultEnvironment environment) throws Exception {
        outage(environment, "creatio-down-60s", List.of(RequestKind.UPDATE_ORDER), Duration.ofSeconds(60));
    }

    @Test
    @Order(2)
    void aSixtySecondCreatioOutageFailsNoOrderUpdateWithThePolicyLookup(FaultEnvironment environment) throws Exception {
        outage(
                environment,
                "creatio-down-60s-policy",
                List.of(RequestKind.UPDATE_ORDER_WITH_POLICY),
                Duration.ofSeconds(60));
    }

    /** Both variants in one outage window, to save five minutes: the figures are counted for each apart. */
    @Test
    @Order(3)
    void aFiveMinuteCreatioOutageFailsNoOrderUpdateWithOrWithoutThePolicyLookup(FaultEnvironment environment)
            throws Exception {
        outage(
                environment,
                "creatio-down-5min",
                List.of(RequestKind.UPDATE_ORDER, RequestKind.UPDATE_ORDER_WITH_POLICY),
                Duration.ofMinutes(5));
    }

    private static void outage(FaultEnvironment environment, String scenario, List<RequestKind> mix, Duration outage)
            throws Exception {
        FaultStack stack = environment.stack();
        double downAt = 10;
        double upAt = downAt + outage.toSeconds();
        Duration length = Duration.ofSeconds((long) upAt + 15);
        FaultEnvironment.Run run = environment.run(
                scenario,
                mix,
                RATE,
                0,
                length,
                clock -> {
                    clock.awaitSecond(downAt);
                    stack.stop(FaultStack.CREATIO);
                    clock.note("fake-creatio stopped");
                    clock.awaitSecond(upAt);
                    stack.start(FaultStack.CREATIO);
                    clock.note("fake-creatio started again and healthy");
                },
                Duration.ofMinutes(8),
                Duration.ofMinutes(8));
        String load = RATE + " requests/s to 1C for " + length.toSeconds() + " s, ";
        String title = "Creatio down for " + outage.toSeconds() + " s (fake-creatio stopped: connections refused)"
                + " under CRM load, then started again.";
        if (mix.size() == 1) {
            Figures figures = run.figures(
                    scenario,
                    title,
                    load
                            + (mix.get(0) == RequestKind.UPDATE_ORDER
                                    ? "update_order_status"
                                    : "update_order_status" + " with the policy look-up"),
                    request -> true);
            assertNothingLostNothingDoneTwice(figures);
            return;
        }
        Figures plain = run.figures(
                scenario,
                title + " Shares its outage window with " + scenario + "-policy.",
                load + "update_order_status with and without the policy look-up in turn; these figures: without",
                request -> request.kind() == RequestKind.UPDATE_ORDER);
        Figures policy = run.figures(
                scenario + "-policy",
                title + " Shares its outage window with " + scenario + ".",
                load + "update_order_status with and without the policy look-up in turn; these figures: with",
                request -> request.kind() == RequestKind.UPDATE_ORDER_WITH_POLICY);
        assertAll(() -> assertNothingLostNothingDoneTwice(plain), () -> assertNothingLostNothingDoneTwice(policy));
    }
}
