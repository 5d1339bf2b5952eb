package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.example.hub.messaging.envelope.RoutingKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingKeyTests {

    @Test
    void buildsLowerCaseKeysFromSystemNamesInAnyCase() {
        assertThat(RoutingKey.request("1C", "DMS", "create_user")).hasToString("1c.request.dms.create_user");
        assertThat(RoutingKey.response("crm", "1c", "order_status_updated"))
                .hasToString("crm.response.1c.order_status_updated");
    }

    @Test
    void parsesWhatItBuilds() {
        RoutingKey key = RoutingKey.parse("crm.request.dms.get_policy_info");
        assertThat(key).isEqualTo(new RoutingKey("crm", RoutingKey.Kind.REQUEST, "dms", "get_policy_info"));
        assertThat(RoutingKey.parse(key.toString())).isEqualTo(key);
        assertThat(RoutingKey.parse("DMS.Response.1C.User_Created"))
                .isEqualTo(RoutingKey.response("dms", "1c", "user_created"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1c.request.dms",
                "1c.question.dms.create_user",
                "1c.request.dms.create_user.extra",
                "1c..dms.create_user",
                "1c.request.dms.*",
                "1c.request.#.create_user",
                "1 c.request.dms.create_user"
            })
    void rejectsMalformedKeys(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> RoutingKey.parse(value));
    }

    @Test
    void rejectsSystemNamesThatWouldBreakTheKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> RoutingKey.request("one.c", "dms", "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> RoutingKey.request("1c", "dms", "a.b"));
        assertThatIllegalArgumentException().isThrownBy(() -> RoutingKey.request("1c", null, "x"));
    }
}
