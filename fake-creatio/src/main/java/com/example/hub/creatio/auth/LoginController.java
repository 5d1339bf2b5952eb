package com.example.hub.creatio.auth;

import com.example.hub.creatio.CreatioPaths;
import com.example.hub.creatio.FakeCreatioProperties;
import com.example.hub.creatio.session.Session;
import com.example.hub.creatio.session.Sessions;
import java.util.StringJoiner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Creatio's {@code AuthService.svc/Login}: checks the credentials and hands out the session cookies. */
@RestController
class LoginController {

    private final FakeCreatioProperties properties;
    private final Sessions sessions;

    LoginController(FakeCreatioProperties properties, Sessions sessions) {
        this.properties = properties;
        this.sessions = sessions;
    }

    @PostMapping(path = CreatioPaths.LOGIN, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LoginResponse> login(@RequestBody LoginRequest request) {
        if (!properties.username().equalsIgnoreCase(request.userName())
                || !properties.password().equals(request.userPassword())) {
            // Creatio answers a failed login with 200 and Code 1, and sets no session cookie
            return ResponseEntity.ok(LoginResponse.badCredentials());
        }
        Session session = sessions.create(request.userName());
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.SET_COOKIE,
                        cookie(".ASPXAUTH", session.authToken(), true),
                        cookie("BPMCSRF", session.csrfToken(), false),
                        cookie("BPMLOADER", session.loaderId(), true),
                        cookie("UserName", userNameCookie(session.userName()), false))
                .body(LoginResponse.success());
    }

    private static String cookie(String name, String value, boolean httpOnly) {
        return ResponseCookie.from(name, value)
                .path("/")
                .httpOnly(httpOnly)
                .build()
                .toString();
    }

    /** Creatio writes the user name as its character codes joined by {@code |}, e.g. {@code 83|117|...}. */
    private static String userNameCookie(String userName) {
        StringJoiner codes = new StringJoiner("|");
        userName.chars().forEach(c -> codes.add(Integer.toString(c)));
        return codes.toString();
    }
}
