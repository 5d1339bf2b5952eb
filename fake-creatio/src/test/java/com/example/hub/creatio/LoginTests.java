package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

class LoginTests extends FakeCreatioHttpTests {

    @Test
    void correctCredentialsAnswerCodeZeroAndSetTheSessionCookies() {
        HttpResponse response = http.login("Supervisor", "Supervisor");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("Code").asInt()).isZero();
        assertThat(body.path("Message").asString()).isEmpty();
        assertThat(body.path("Exception").isNull()).isTrue();
        assertThat(body.path("PasswordChangeUrl").isNull()).isTrue();
        assertThat(body.path("RedirectUrl").isNull()).isTrue();
        assertThat(response.setCookies())
                .containsOnlyKeys(".ASPXAUTH", "BPMCSRF", "BPMLOADER", "UserName")
                .containsEntry("UserName", "83|117|112|101|114|118|105|115|111|114");
        assertThat(response.setCookies().get(".ASPXAUTH")).isNotBlank();
        assertThat(response.setCookies().get("BPMCSRF")).isNotBlank();
        assertThat(response.headers().get(HttpHeaders.SET_COOKIE))
                .anySatisfy(
                        cookie -> assertThat(cookie).startsWith(".ASPXAUTH=").contains("HttpOnly"));
    }

    @Test
    void eachLoginStartsItsOwnSession() {
        TestSession first = http.loginAsSupervisor();
        TestSession second = http.loginAsSupervisor();

        assertThat(second.cookies().get(".ASPXAUTH"))
                .isNotEqualTo(first.cookies().get(".ASPXAUTH"));
        assertThat(second.csrfToken()).isNotEqualTo(first.csrfToken());
        assertThat(http.getOrder(OrderODataTests.ORD9876_ID, first).status()).isEqualTo(200);
        assertThat(http.getOrder(OrderODataTests.ORD9876_ID, second).status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordAnswers200WithCodeOneAndNoSessionCookie() {
        HttpResponse response = http.login("Supervisor", "wrong");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("Code").asInt()).isEqualTo(1);
        assertThat(response.json().path("Message").asString())
                .isEqualTo("Either user name or password specified incorrectly");
        assertThat(response.headers().getOrDefault(HttpHeaders.SET_COOKIE, List.of()))
                .isEmpty();
    }

    @Test
    void unknownUserIsRejectedTheSameWay() {
        HttpResponse response = http.login("Nobody", "Supervisor");

        assertThat(response.json().path("Code").asInt()).isEqualTo(1);
        assertThat(response.setCookies()).isEmpty();
    }

    @Test
    void malformedLoginBodyAnswers400() {
        HttpResponse response = http.send(HttpMethod.POST, CreatioHttp.LOGIN, "{\"UserName\":", headers -> {});

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.odataErrorMessage()).isNotBlank();
    }
}
