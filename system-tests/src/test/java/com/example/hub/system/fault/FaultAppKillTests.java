package com.example.hub.system.fault;

import static com.example.hub.system.fault.FaultAssertions.assertNothingLostNothingDoneTwice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of each app under load, restarted a few seconds later: every request 1C answered 202 ends
 * {@code COMPLETED} once, with its effect once; SOINDI, killed while it drains a backlog of 20,000 events, ends with
 * every product at its latest event.
 */
@FaultSuite
class FaultAppKillTests {

    static final List<RequestKind> MIX =
            List.of(RequestKind.CREATE_USER, RequestKind.UPDATE_ORDER, RequestKind.UPDATE_ORDER_WITH_POLICY);

    static final int RATE = 40;

    static final Duration LOAD = Duration.ofSeconds(30);

    static final String LOAD_TEXT = RATE + " requests/s to 1C for " + LOAD.toSeconds()
            + " s, create_user, update_order_status and update_order_status with the policy look-up in turn";

    @Test
    @Order(1)
    void killingTheOnecAdapterUnderLoadLosesNothing(FaultEnvironment environment) throws Exception {
        killUnderLoad(environment, FaultStack.ONEC, "kill-onec-adapter");
    }

    @Test
    @Order(2)
    void killingTheDmsAdapterUnderLoadLosesNothingAndCreatesNoUserTwice(FaultEnvironment environment) throws Exception {
        killUnderLoad(environment, FaultStack.DMS, "kill-dms-adapter");
    }

    @Test
    @Order(3)
    void killingTheCrmAdapterUnderLoadLosesNothingAndPatchesNoOrderTwice(FaultEnvironment environment)
            throws Exception {
        killUnderLoad(environment, FaultStack.CRM, "kill-crm-adapter");
    }

    @Test
    @Order(4)
    void killingSoindiWhileItDrainsABacklogLosesNoEvent(FaultEnvironment environment) throws Exception {
        FaultStack stack = environment.stack();
        environment.ensureUp();
        stack.stop(FaultStack.SOINDI);
        SoindiAudit soindi = new SoindiAudit(stack);
        int appliedBefore = soindi.appliedInLog();
        FaultClock clock = new FaultClock();
        List<OdooEvent> events;
        try (OdooPublisher publisher = new OdooPublisher(environment.node(), "kill-soindi")) {
            events = publisher.backlog(16_000, 1_000, 4);
        }
        clock.note("backlog of " + events.size() + " events published while SOINDI was stopped");
        Process starting = stack.startInBackground(FaultStack.SOINDI);
        clock.note("SOINDI started");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(environment.node().host());
        factory.setPort(environment.node().amqpPort());
        try (Connection connection = factory.newConnection("fault-suite-watch");
                Channel channel = connection.createChannel()) {
            // kill it once it has taken about 40 % of the backlog
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() ->
                            channel.queueDeclarePassive("odoo_events").getMessageCount() <= events.size() * 6 / 10);
            stack.kill(FaultStack.SOINDI);
            clock.note("kill -9 with "
                    + channel.queueDeclarePassive("odoo_events").getMessageCount() + " events still ready");
        }
        starting.waitFor();
        clock.awaitSecond(clock.seconds() + 3);
        stack.start(FaultStack.SOINDI);
        clock.note("restarted and healthy");
        Tally tally = soindi.audit(events, appliedBefore, Duration.ofMinutes(3), Duration.ofSeconds(60));
        Figures figures = new Figures(
                "kill-soindi-consumer-backlog",
                "`kill -9` of soindi-consumer while it drains a backlog, restarted 3 s later.",
                "a backlog of 20,000 Odoo events (16,000 products with one event, 1,000 with four) published while"
                        + " SOINDI was stopped",
                tally,
                clock.elapsed(),
                clock.window(),
                environment.awaitReady());
        ReliabilityReport.write(figures);
        assertNothingLostNothingDoneTwice(figures);
    }

    private static void killUnderLoad(FaultEnvironment environment, String app, String scenario) throws Exception {
        FaultStack stack = environment.stack();
        FaultEnvironment.Run run = environment.run(
                scenario,
                MIX,
                RATE,
                0,
                LOAD,
                clock -> {
                    clock.awaitSecond(10);
                    stack.kill(app);
                    clock.note("kill -9 " + app);
                    clock.awaitSecond(13);
                    stack.start(app);
                    clock.note("restarted and healthy");
                },
                FaultEnvironment.DRAIN,
                FaultEnvironment.STALL);
        Figures figures = run.figures(
                scenario, "`kill -9` of " + app + " under load, restarted 3 s later.", LOAD_TEXT, request -> true);
        assertThat(run.requests()).as("requests sent").isNotEmpty();
        assertNothingLostNothingDoneTwice(figures);
    }
}
