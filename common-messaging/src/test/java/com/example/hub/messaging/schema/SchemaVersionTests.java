package com.example.hub.messaging.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.example.hub.messaging.envelope.MessageEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SchemaVersionTests {

    static final JsonMapper JSON = new JsonMapper();

    static final MessageSchemas SCHEMAS = new MessageSchemas(JSON);

    static final String ENVELOPE = """
            {"request_id": "R1", "source_system": "1C", "target_system": "DMS", "message_type": "create_user",
             "payload": {"user_id": "U1", "name": "N", "email": "n@example.com"}%s}""";

    @Test
    void byDefaultVersionOneAndTheCurrentOneAreRead() {
        assertThat(SCHEMAS.supportedVersions())
                .containsExactlyElementsOf(new TreeSet<>(List.of(1, MessageEnvelope.CURRENT_SCHEMA_VERSION)));
        assertThatNoException().isThrownBy(() -> check(""));
        assertThatNoException().isThrownBy(() -> check(", \"schema_version\": null"));
        assertThatNoException()
                .isThrownBy(() -> check(", \"schema_version\": " + MessageEnvelope.CURRENT_SCHEMA_VERSION));
    }

    @Test
    void anotherVersionIsRefusedWithTheVersionsThatAreRead() {
        assertThatExceptionOfType(UnsupportedSchemaVersionException.class)
                .isThrownBy(() -> check(", \"schema_version\": 3"))
                .withMessage("schema_version 3 is not supported; this consumer reads 1")
                .satisfies(ex -> assertThat(ex.version()).isEqualTo("3"));
        assertThatExceptionOfType(UnsupportedSchemaVersionException.class)
                .isThrownBy(() -> check(", \"schema_version\": 99999999999"))
                .withMessage("schema_version 99999999999 is not supported; this consumer reads 1");
    }

    @Test
    void aVersionThatIsNoIntegerIsTheSchemasToReport() {
        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> check(", \"schema_version\": \"2\""))
                .withMessage("Invalid message: schema_version must be an integer");
        assertThatExceptionOfType(UnsupportedSchemaVersionException.class)
                .isThrownBy(() -> check(", \"schema_version\": 0"))
                .withMessage("schema_version 0 is not supported; this consumer reads 1");
    }

    @Test
    void theVersionsAreSaidAsARunOrAList() {
        assertThat(UnsupportedSchemaVersionException.describe(List.of(1))).isEqualTo("1");
        assertThat(UnsupportedSchemaVersionException.describe(List.of(1, 2, 3))).isEqualTo("1–3");
        assertThat(UnsupportedSchemaVersionException.describe(List.of(1, 3))).isEqualTo("1, 3");
    }

    @Test
    void aVersionThisBuildHasNoSchemasForCannotBeSupported() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new MessageSchemas(JSON, List.of(1, MessageEnvelope.CURRENT_SCHEMA_VERSION + 1)))
                .withMessageContaining("hub.messaging.schemas.supported-versions must be between 1 and "
                        + MessageEnvelope.CURRENT_SCHEMA_VERSION);
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new MessageSchemas(JSON, List.of(0)));
    }

    private static void check(String more) {
        SCHEMAS.checkIncoming(ENVELOPE.formatted(more).getBytes(StandardCharsets.UTF_8), MessageEnvelope.class);
    }
}
