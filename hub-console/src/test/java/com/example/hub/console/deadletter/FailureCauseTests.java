package com.example.hub.console.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The templates by which failures are grouped: numbers and ids replaced, the rest kept. */
class FailureCauseTests {

    @Test
    void numbersAndIdsAreReplaced() {
        assertThat(FailureCause.template("Creatio answered 503 for order ORD9876"))
                .isEqualTo("Creatio answered <n> for order <id>");
        assertThat(FailureCause.template("Request REQ-17 (4b1f0d9e-3c2a-4f5e-9d8c-7b6a5f4e3d2c) failed after 2.5 s"))
                .isEqualTo("Request <id> (<id>) failed after <n> s");
        assertThat(FailureCause.template("Unknown message type 'unknown_thing': the DMS handles create_user"))
                .isEqualTo("Unknown message type 'unknown_thing': the DMS handles create_user");
        assertThat(FailureCause.template(null)).isEmpty();
    }

    @Test
    void theSameCauseOfOtherMessagesIsOneGroup() {
        FailureCause first = FailureCause.of(
                "retries-exhausted", "java.net.ConnectException", "Connection to :8090 refused after 3 tries");
        FailureCause second = FailureCause.of(
                "retries-exhausted", "java.net.ConnectException", "Connection to :8090 refused after 4 tries");
        FailureCause permanent =
                FailureCause.of("permanent", "java.net.ConnectException", "Connection to :8090 refused after 4 tries");
        FailureCause otherClass = FailureCause.of(
                "retries-exhausted", "java.io.IOException", "Connection to :8090 refused after 4 tries");

        assertThat(first.groupKey()).isEqualTo(second.groupKey()).hasSize(64);
        assertThat(permanent.groupKey()).isNotEqualTo(first.groupKey());
        assertThat(otherClass.groupKey()).isNotEqualTo(first.groupKey());
    }

    @Test
    void aLongReasonIsCutToItsTemplateLength() {
        assertThat(FailureCause.template("x".repeat(2000))).hasSize(FailureCause.MAX_TEMPLATE_LENGTH);
    }
}
