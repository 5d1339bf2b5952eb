package com.example.hub.system.fault;

import org.assertj.core.api.SoftAssertions;

/** What every scenario must show: nothing lost, nothing done twice, nothing failed, every app ready again. */
final class FaultAssertions {

    private FaultAssertions() {}

    static void assertNothingLostNothingDoneTwice(Figures figures) {
        String where = " in " + figures.scenario() + " (system-tests/target/reliability/" + figures.scenario() + ".md: "
                + figures.tally().findings() + ")";
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(figures.tally().accepted)
                    .as("requests or events accepted" + where)
                    .isPositive();
            softly.assertThat(figures.tally().lost()).as("lost" + where).isZero();
            softly.assertThat(figures.tally().duplicates)
                    .as("duplicate effects" + where)
                    .isZero();
            softly.assertThat(figures.tally().failed)
                    .as("failed by an outage shorter than the retry horizon" + where)
                    .isZero();
            softly.assertThat(figures.ready())
                    .as("every app's readiness UP at the end" + where)
                    .isTrue();
            softly.assertThat(figures.tally().findings())
                    .as("the fault's steps, restarts included, succeeded" + where)
                    .doesNotContainKey("a step of the fault failed");
        });
    }
}
