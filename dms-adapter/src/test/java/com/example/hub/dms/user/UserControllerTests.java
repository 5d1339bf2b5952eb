package com.example.hub.dms.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import com.example.hub.testsupport.security.TestApiKeys;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(UserController.class)
class UserControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    DmsUsers users;

    @Test
    void showsAUserOfTheDms() {
        DmsUser user = new DmsUser(
                "U-1",
                "DMS-USER-0A1B2C3D",
                "Ivan Petrov",
                "ivan.petrov@example.com",
                Instant.parse("2026-05-20T10:00:00Z"));
        given(this.users.find("U-1")).willReturn(Optional.of(user));

        assertThat(this.mvc.get().uri("/users/{id}", "U-1").header(TestApiKeys.HEADER, TestApiKeys.READER_KEY))
                .hasStatusOk()
                .hasContentType(MediaType.APPLICATION_JSON)
                .bodyJson()
                .isLenientlyEqualTo("""
                        {"user_id": "U-1", "dms_user_id": "%s", "name": "Ivan Petrov",
                         "email": "ivan.petrov@example.com"}
                        """.formatted(user.dmsUserId()));
    }

    @Test
    void anUnknownUserIsAProblem() {
        assertThat(this.mvc.get().uri("/users/{id}", "U-NOBODY").header(TestApiKeys.HEADER, TestApiKeys.READER_KEY))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .isLenientlyEqualTo("""
                        {"status": 404, "title": "DMS user not found",
                         "detail": "The DMS has no user with user_id 'U-NOBODY'",
                         "instance": "/users/U-NOBODY", "user_id": "U-NOBODY"}
                        """);
    }
}
