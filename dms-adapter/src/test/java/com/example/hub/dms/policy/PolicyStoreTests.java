package com.example.hub.dms.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.dms.DmsProperties;
import java.time.Duration;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PolicyStoreTests {

    private final PolicyStore store = new PolicyStore(new DmsProperties(Duration.ZERO, Set.of("POL-LOST")));

    @Test
    void aPolicyNumberIsAnActivePolicyOfOneYear() {
        Policy policy = this.store.find("POL-2024-001").orElseThrow();

        assertThat(policy.policyNumber()).isEqualTo("POL-2024-001");
        assertThat(policy.status()).isEqualTo("ACTIVE");
        assertThat(PolicyStore.INSURERS).contains(policy.insurerName());
        assertThat(policy.endDate()).isEqualTo(policy.startDate().plusYears(1));
    }

    @Test
    void theSameNumberIsAlwaysTheSamePolicy() {
        assertThat(new PolicyStore(new DmsProperties(Duration.ZERO, Set.of())).find("POL-77"))
                .isEqualTo(this.store.find("POL-77"));
    }

    @Test
    void policiesDifferByNumber() {
        assertThat(IntStream.range(0, 50)
                        .mapToObj(i -> this.store.find("POL-" + i).orElseThrow())
                        .map(policy -> policy.insurerName() + policy.startDate())
                        .distinct())
                .hasSizeGreaterThan(10);
    }

    @Test
    void configuredUnknownNumbersAndOtherNumbersAreNotFound() {
        assertThat(this.store.find("POL-LOST")).isEmpty();
        assertThat(this.store.find("INS-42")).isEmpty();
        assertThat(this.store.find("pol-1")).isEmpty();
        assertThat(this.store.find("POL-")).isEmpty();
    }
}
