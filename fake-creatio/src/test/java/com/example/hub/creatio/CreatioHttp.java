package com.example.hub.creatio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** Real HTTP calls to the fake, answering every status as a {@link HttpResponse} rather than an exception. */
final class CreatioHttp {

    static final String LOGIN = "/ServiceModel/AuthService.svc/Login";

    private final RestClient client;

    CreatioHttp(int port) {
        this.client = RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    HttpResponse login(String userName, String password) {
        return send(
                HttpMethod.POST,
                LOGIN,
                "{\"UserName\":\"" + userName + "\",\"UserPassword\":\"" + password + "\"}",
                headers -> headers.set("ForceUseSession", "true"));
    }

    TestSession loginAsSupervisor() {
        HttpResponse response = login("Supervisor", "Supervisor");
        if (response.status() != 200 || response.json().path("Code").asInt() != 0) {
            throw new IllegalStateException("Login failed: " + response);
        }
        return new TestSession(response.setCookies());
    }

    HttpResponse odata(HttpMethod method, String path, String body, TestSession session) {
        return send(method, "/0/odata/" + path, body, headers -> {
            headers.set(HttpHeaders.COOKIE, session.cookieHeader());
            headers.set("BPMCSRF", session.csrfToken());
        });
    }

    HttpResponse getOrder(String id, TestSession session) {
        return odata(HttpMethod.GET, "Order(" + id + ")", null, session);
    }

    HttpResponse patchOrder(String id, String body, TestSession session) {
        return odata(HttpMethod.PATCH, "Order(" + id + ")", body, session);
    }

    HttpResponse get(String path) {
        return send(HttpMethod.GET, path, null, headers -> {});
    }

    HttpResponse post(String path, String body) {
        return send(HttpMethod.POST, path, body, headers -> {});
    }

    HttpResponse send(HttpMethod method, String path, String body, Consumer<HttpHeaders> headers) {
        RestClient.RequestBodySpec request = client.method(method).uri(path).headers(headers);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchangeForRequiredValue(
                (req, res) -> new HttpResponse(res.getStatusCode().value(), res.getHeaders(), read(res.getBody())));
    }

    private static String read(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }
}
