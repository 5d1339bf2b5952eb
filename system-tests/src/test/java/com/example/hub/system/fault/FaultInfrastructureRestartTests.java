package com.example.hub.system.fault;

import static com.example.hub.system.fault.FaultAssertions.assertNothingLostNothingDoneTwice;

import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The infrastructure under the apps restarted under load (1C requests and Odoo events): the broker, and PostgreSQL,
 * where the 1C journal, the DMS's users and SOINDI's store live in this class. Nothing restarts the apps: they
 * reconnect by themselves, and every request answered 202 and every confirmed event comes through once.
 */
@FaultSuite
@StoresOnPostgres
class FaultInfrastructureRestartTests {

    static final int EVENT_RATE = 20;

    @Test
    @Order(1)
    void restartingTheBrokerUnderLoadLosesNothingAndTheAppsReconnect(FaultEnvironment environment) throws Exception {
        restartUnderLoad(
                environment,
                "broker-restart",
                "The suite's RabbitMQ node stopped under load (`rabbitmqctl stop`) and started again 5 s later.",
                clock -> {
                    clock.awaitSecond(10);
                    environment.node().stop();
                    clock.note("broker stopped");
                    clock.awaitSecond(15);
                    environment.node().startServer();
                    clock.note("broker started again and up");
                });
    }

    @Test
    @Order(2)
    void restartingPostgresUnderLoadLosesNothing(FaultEnvironment environment) throws Exception {
        restartUnderLoad(
                environment,
                "postgres-restart",
                "PostgreSQL, the store of onec-adapter, dms-adapter and soindi-consumer, crashed under load"
                        + " (`pg_ctl stop -m immediate`) and started again 5 s later, recovering from its WAL.",
                clock -> {
                    clock.awaitSecond(10);
                    environment.postgres().stop(true);
                    clock.note("PostgreSQL crashed");
                    clock.awaitSecond(15);
                    environment.postgres().startServer();
                    clock.note("PostgreSQL started again");
                });
    }

    private static void restartUnderLoad(
            FaultEnvironment environment, String scenario, String title, FaultEnvironment.Fault fault)
            throws Exception {
        Duration length = Duration.ofSeconds(40);
        FaultEnvironment.Run run = environment.run(
                scenario,
                FaultAppKillTests.MIX,
                FaultAppKillTests.RATE,
                EVENT_RATE,
                length,
                fault,
                FaultEnvironment.DRAIN,
                FaultEnvironment.STALL);
        Figures figures = run.figures(
                scenario,
                title + " The apps' stores are on the suite's PostgreSQL; nothing restarts the apps.",
                FaultAppKillTests.RATE + " requests/s to 1C (create_user, update_order_status with and without the"
                        + " policy look-up in turn) and " + EVENT_RATE + " Odoo events/s, for " + length.toSeconds()
                        + " s and at least " + FaultEnvironment.TAIL.toSeconds() + " s after the fault",
                request -> true);
        assertNothingLostNothingDoneTwice(figures);
    }
}
