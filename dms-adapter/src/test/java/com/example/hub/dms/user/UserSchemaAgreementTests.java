package com.example.hub.dms.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.hub.messaging.schema.MessageSchemas;
import com.example.hub.messaging.schema.SchemaAgreement;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** DMS's records of create_user and user_created agree with their schemas, and its answers pass them. */
class UserSchemaAgreementTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final MessageSchemas SCHEMAS = new MessageSchemas(JSON);

    @Test
    void createUserAgreesWithItsSchema() {
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode("payloads/create_user"), CreateUserRequest.class, Set.of()))
                .isEmpty();
    }

    @Test
    void userCreatedAgreesWithItsSchemaAndDmsAnswersPassIt() {
        // DMS always writes its status; a requester needs only that
        assertThat(SchemaAgreement.disagreements(
                        SCHEMAS.schemaNode("payloads/user_created"), UserCreated.class, Set.of("status")))
                .isEmpty();
        DmsUser user = new DmsUser("U12345", "DMS-1", "Иванов Иван", "ivanov@example.com", Instant.now());
        for (boolean created : new boolean[] {true, false}) {
            UserCreated answer = UserCreated.of(new DmsUsers.Registration(user, created));
            assertThat(SCHEMAS.violations("payloads/user_created", JSON.valueToTree(answer)))
                    .isEmpty();
        }
    }
}
