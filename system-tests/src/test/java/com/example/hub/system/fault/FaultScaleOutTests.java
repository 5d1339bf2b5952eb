package com.example.hub.system.fault;

import static com.example.hub.system.fault.FaultAssertions.assertNothingLostNothingDoneTwice;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.testsupport.LocalRabbitCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of every app (onec-adapter, dms-adapter, crm-adapter, soindi-consumer) on one PostgreSQL and a
 * three-node RabbitMQ cluster whose quorum queues have three members: under load (1C requests sent to both 1C
 * instances in turn, and Odoo events), one instance each of 1C, DMS and CRM is killed with {@code kill -9} and not
 * restarted, and the node every app is connected to is stopped and stays down. The apps move to the other nodes
 * (their address list), the other instances take over, and every request answered 202 and every confirmed event
 * comes through exactly once.
 */
class FaultScaleOutTests {

    static final String SCENARIO = "scale-out";

    static final int RATE = 30;

    static final int EVENT_RATE = 10;

    static final Duration LOAD = Duration.ofSeconds(45);

    /**
     * The work queues, each with a copy on every node: the hub's quorum queues, and odoo_events, a classic queue
     * mirrored by a policy ({@link ScaleOutEnvironment#ODOO_EVENTS_POLICY}).
     */
    static final List<String> WORK_QUEUES = List.of("1c_queue", "dms_queue", "crm_queue", "odoo_events");

    @AfterAll
    static void report() {
        ReliabilityReport.assemble();
    }

    @Test
    void twoInstancesOfEachAppOnAThreeNodeClusterLoseNothingWhenAnInstanceOfEachAndANodeAreLost() throws Exception {
        try (ScaleOutEnvironment environment = ScaleOutEnvironment.start(SCENARIO)) {
            run(environment);
        }
    }

    private static void run(ScaleOutEnvironment environment) throws Exception {
        LocalRabbitCluster cluster = environment.cluster();
        FaultStack first = environment.first();
        FaultStack second = environment.second();
        Map<String, List<String>> members = new LinkedHashMap<>();
        WORK_QUEUES.forEach(queue -> members.put(queue, cluster.members("/", queue)));
        assertThat(members)
                .as("nodes with a copy of each work queue on the three-node cluster")
                .allSatisfy((queue, nodes) -> assertThat(nodes).hasSize(3));

        SoindiAudit soindi = new SoindiAudit(first, List.of(second));
        int appliedBefore = soindi.appliedInLog();
        FaultClock clock = new FaultClock();
        clock.note("work queues with a copy on each of the 3 nodes (" + String.join(", ", WORK_QUEUES) + ")");
        Duration longest = LOAD.plus(FaultEnvironment.TAIL).plusMinutes(3);
        HubLoad load = new HubLoad(
                        List.of(first.uri(FaultStack.ONEC), second.uri(FaultStack.ONEC)),
                        SCENARIO,
                        FaultAppKillTests.MIX,
                        RATE)
                .start(longest);
        List<SentRequest> requests;
        List<OdooEvent> published;
        String faultFailure = null;
        try (OdooPublisher events = new OdooPublisher(
                environment.addresses(),
                cluster.node(0).username(),
                cluster.node(0).password(),
                SCENARIO)) {
            events.start(EVENT_RATE, longest);
            try {
                clock.awaitSecond(10);
                second.kill(FaultStack.ONEC);
                clock.note("kill -9 of the second onec-adapter");
                clock.awaitSecond(15);
                second.kill(FaultStack.DMS);
                clock.note("kill -9 of the second dms-adapter");
                clock.awaitSecond(20);
                second.kill(FaultStack.CRM);
                clock.note("kill -9 of the second crm-adapter");
                clock.awaitSecond(25);
                cluster.node(0).stop();
                clock.note("RabbitMQ node 1 of 3, the one every app was connected to, stopped (rabbitmqctl stop)");
            } catch (Exception | AssertionError ex) {
                faultFailure = ex.getMessage() != null
                        ? ex.getMessage().lines().findFirst().orElse("")
                        : ex.toString();
                clock.note("fault step failed (" + faultFailure + ")");
            }
            Duration rest = LOAD.minus(clock.elapsed());
            Duration more = rest.compareTo(FaultEnvironment.TAIL) > 0 ? rest : FaultEnvironment.TAIL;
            load.stopAfter(more);
            events.stopAfter(more);
            requests = load.awaitFinished(more.plusMinutes(1));
            published = events.awaitFinished(more.plusMinutes(1));
        }
        clock.note("load over");
        JournalAudit journal = new JournalAudit(first);
        Map<String, JsonNode> finals = journal.drain(requests, FaultEnvironment.DRAIN, FaultEnvironment.STALL);
        Tally tally = journal.count(requests, finals);
        tally.add(soindi.audit(published, appliedBefore, FaultEnvironment.DRAIN, FaultEnvironment.STALL));
        clock.note("drained");
        List<String> membersAfter = new ArrayList<>();
        WORK_QUEUES.forEach(queue -> membersAfter.add(queue + " " + online(cluster, queue)));
        // every instance still running: the first set, and the second SOINDI
        boolean ready = FaultEnvironment.awaitReady(List.of(
                first.uri(FaultStack.ONEC),
                first.uri(FaultStack.DMS),
                first.uri(FaultStack.CRM),
                first.uri(FaultStack.SOINDI),
                second.uri(FaultStack.SOINDI)));
        if (faultFailure != null) {
            tally.finding("a step of the fault failed", faultFailure);
        }
        Figures figures = new Figures(
                SCENARIO,
                "Two instances each of onec-adapter, dms-adapter, crm-adapter and soindi-consumer (scripts/stack.sh,"
                        + " one RUN_DIR per set of instances), their stores in one PostgreSQL, on a three-node RabbitMQ"
                        + " cluster given to the apps as an address list (SPRING_RABBITMQ_ADDRESSES); the hub's work"
                        + " queues are quorum queues with 3 members, odoo_events (a classic queue) is mirrored to the 3"
                        + " nodes by a policy (ha-mode all, RabbitMQ 3.x). Under load, `kill -9` of one instance each of 1C, DMS"
                        + " and CRM, not restarted, and the node every app was connected to stopped and left down."
                        + " Copies online after the drain: " + String.join("; ", membersAfter) + ".",
                RATE + " requests/s to 1C, sent to the two instances in turn (a request refused by a dead instance"
                        + " sent to the other, as a load balancer does; create_user, update_order_status with"
                        + " and without the policy look-up in turn) and " + EVENT_RATE + " Odoo events/s, for "
                        + LOAD.toSeconds() + " s",
                tally,
                clock.elapsed(),
                clock.window(),
                ready);
        ReliabilityReport.write(figures);
        assertThat(requests).as("requests sent").isNotEmpty();
        assertNothingLostNothingDoneTwice(figures);
    }

    /** The copies of a queue that are online, e.g. {@code 2 of 3}, or its node and synchronised mirrors. */
    private static String online(LocalRabbitCluster cluster, String queue) {
        try {
            JsonNode info = cluster.runningNode().management().queue("/", queue);
            if (info.path("members").size() > 0) {
                return info.path("online").size() + " of "
                        + info.path("members").size();
            }
            return "on " + cluster.members("/", queue).size() + " nodes";
        } catch (RuntimeException ex) {
            return "unknown (" + ex.getMessage() + ")";
        }
    }
}
