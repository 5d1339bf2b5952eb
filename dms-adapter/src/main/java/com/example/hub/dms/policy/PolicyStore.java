package com.example.hub.dms.policy;

import com.example.hub.dms.DmsProperties;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The policies of the simulated DMS. Every number {@code POL-...} is a policy, except the configured unknown ones
 * ({@code dms.unknown-policy-numbers}); its details are derived from its number, so the same number always shows the
 * same policy.
 */
@Component
class PolicyStore {

    static final String PREFIX = "POL-";

    static final String ACTIVE = "ACTIVE";

    static final List<String> INSURERS = List.of(
            "Northwind Insurance",
            "Contoso Assurance",
            "Fabrikam Mutual",
            "Woodgrove Insurance Group",
            "Tailspin General");

    private static final LocalDate FIRST_START_DATE = LocalDate.of(2025, 1, 1);

    private final Set<String> unknownPolicyNumbers;

    PolicyStore(DmsProperties properties) {
        this.unknownPolicyNumbers = Set.copyOf(properties.unknownPolicyNumbers());
    }

    Optional<Policy> find(String policyNumber) {
        if (!policyNumber.startsWith(PREFIX)
                || policyNumber.length() == PREFIX.length()
                || this.unknownPolicyNumbers.contains(policyNumber)) {
            return Optional.empty();
        }
        // String.hashCode is specified, so the details are the same in every run
        int hash = policyNumber.hashCode();
        String insurer = INSURERS.get(Math.floorMod(hash, INSURERS.size()));
        LocalDate start = FIRST_START_DATE.plusDays(Math.floorMod(hash / INSURERS.size(), 365));
        return Optional.of(new Policy(policyNumber, insurer, ACTIVE, start, start.plusYears(1)));
    }
}
