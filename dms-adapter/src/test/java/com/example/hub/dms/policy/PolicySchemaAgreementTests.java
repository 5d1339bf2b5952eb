package com.example.hub.dms.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.schema.MessageSchemas;
import com.example.hub.messaging.schema.SchemaAgreement;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** DMS's records of get_policy_info and policy_info_response agree with their schemas, and its answers pass them. */
class PolicySchemaAgreementTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final MessageSchemas SCHEMAS = new MessageSchemas(JSON);

    @Test
    void getPolicyInfoAgreesWithItsSchema() {
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode("payloads/get_policy_info"), PolicyInfoRequest.class, Set.of()))
                .isEmpty();
    }

    @Test
    void policyInfoAgreesWithItsSchemaAndDmsAnswersPassIt() {
        // DMS always writes found or not_found
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode("payloads/policy_info_response"),
                        PolicyInfoResponse.class,
                        Set.of("status")))
                .isEmpty();
        PolicyInfoResponse found = PolicyInfoResponse.found(new Policy(
                "POL-2024-001", "Insurer", "ACTIVE", LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-01")));
        assertThat(SCHEMAS.violations("payloads/policy_info_response", JSON.valueToTree(found)))
                .isEmpty();
        assertThat(SCHEMAS.violations(
                        "payloads/policy_info_response", JSON.valueToTree(PolicyInfoResponse.notFound("POL-UNKNOWN"))))
                .isEmpty();
    }
}
