package com.example.hub.creatio;

import static com.example.hub.creatio.OrderODataTests.ORD9876_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * What Creatio asks of every OData call: the session cookies of the login with {@code ForceUseSession: true}, and on
 * writes the {@code BPMCSRF} header repeating the {@code BPMCSRF} cookie.
 */
class ODataSessionTests extends FakeCreatioHttpTests {

    private static final String COMMENT = "{\"Comment\":\"changed\"}";

    @Test
    void withoutSessionCookieAnswers401() {
        HttpResponse response =
                http.send(HttpMethod.GET, "/0/odata/Order", null, headers -> headers.set("ForceUseSession", "true"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.odataErrorMessage()).isNotBlank();
    }

    @Test
    void withUnknownSessionCookieAnswers401() {
        TestSession forged = new TestSession(Map.of(".ASPXAUTH", "FORGED", "BPMCSRF", "forged"));

        assertThat(http.patchOrder(ORD9876_ID, COMMENT, forged).status()).isEqualTo(401);
    }

    @Test
    void withoutForceUseSessionAnswers401() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.send(
                HttpMethod.GET, "/0/odata/Order", null, headers -> headers.set("Cookie", session.cookieHeader()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.odataErrorMessage()).contains("ForceUseSession");
    }

    @Test
    void readsNeedNoCsrfHeader() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.send(HttpMethod.GET, "/0/odata/Order(" + ORD9876_ID + ")", null, headers -> {
            headers.set("Cookie", session.cookieHeader());
            headers.set("ForceUseSession", "true");
        });

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void aWriteWithoutCsrfHeaderAnswers403AndChangesNothing() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.send(HttpMethod.PATCH, "/0/odata/Order(" + ORD9876_ID + ")", COMMENT, headers -> {
            headers.set("Cookie", session.cookieHeader());
            headers.set("ForceUseSession", "true");
        });

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.odataErrorMessage()).contains("BPMCSRF");
        assertThat(http.getOrder(ORD9876_ID, session).json().path("Comment").asString())
                .isEmpty();
    }

    @Test
    void aWriteWithAnotherSessionsCsrfTokenAnswers403() {
        TestSession session = http.loginAsSupervisor();
        TestSession other = http.loginAsSupervisor();

        HttpResponse response = http.send(HttpMethod.PATCH, "/0/odata/Order(" + ORD9876_ID + ")", COMMENT, headers -> {
            headers.set("Cookie", session.cookieHeader());
            headers.set("ForceUseSession", "true");
            headers.set("BPMCSRF", other.csrfToken());
        });

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void sessionChecksComeBeforeTheKeyAndTheBody() {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.send(HttpMethod.PATCH, "/0/odata/Order(ORD9876)", "{", headers -> {
            headers.set("Cookie", session.cookieHeader());
            headers.set("ForceUseSession", "true");
        });

        assertThat(response.status()).isEqualTo(403);
    }
}
