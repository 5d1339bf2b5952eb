package com.example.hub.creatio;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriUtils;

/**
 * Real HTTP calls to the fake, answering every status as a {@link HttpResponse} rather than an exception. OData calls
 * go as Creatio's documentation describes them: the session cookies, {@code ForceUseSession: true}, {@code Accept:
 * application/json}; writes also {@code BPMCSRF} and {@code Content-Type: application/json; odata.metadata=minimal}.
 */
final class CreatioHttp {

    static final String LOGIN = "/ServiceModel/AuthService.svc/Login";

    static final MediaType ODATA_JSON = MediaType.parseMediaType("application/json; odata.metadata=minimal");

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PATCH, HttpMethod.DELETE);

    private final String baseUrl;
    private final RestClient client;

    CreatioHttp(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.client = RestClient.create();
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

    /**
     * An OData call as a Creatio client makes it.
     *
     * @param pathAndQuery after {@code /0/odata/}, already URL-encoded (see {@link #encode(String)})
     */
    HttpResponse odata(HttpMethod method, String pathAndQuery, String body, TestSession session) {
        return send(method, "/0/odata/" + pathAndQuery, body, headers -> {
            headers.set(HttpHeaders.COOKIE, session.cookieHeader());
            headers.set("ForceUseSession", "true");
            headers.setAccept(List.of(MediaType.APPLICATION_JSON));
            if (WRITES.contains(method)) {
                headers.set("BPMCSRF", session.csrfToken());
                headers.setContentType(ODATA_JSON);
            }
        });
    }

    /** {@code GET Order?$filter=Number eq '<number>'&$select=Id}, the quote doubled inside the literal. */
    HttpResponse findOrder(String number, TestSession session) {
        return odata(
                HttpMethod.GET,
                "Order?$filter=" + encode("Number eq " + literal(number)) + "&$select=Id",
                null,
                session);
    }

    /** The Id of the only order of this number. */
    String orderId(String number, TestSession session) {
        HttpResponse found = findOrder(number, session);
        if (found.status() != 200 || found.json().path("value").size() != 1) {
            throw new IllegalStateException("Not exactly one order " + number + ": " + found);
        }
        return found.json().path("value").path(0).path("Id").asString();
    }

    /** The Id of the order status of this name. */
    String statusId(String name, TestSession session) {
        HttpResponse found = odata(
                HttpMethod.GET,
                "OrderStatus?$filter=" + encode("Name eq " + literal(name)) + "&$select=Id",
                null,
                session);
        if (found.status() != 200 || found.json().path("value").size() != 1) {
            throw new IllegalStateException("Not exactly one status " + name + ": " + found);
        }
        return found.json().path("value").path(0).path("Id").asString();
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

    /** @param path already URL-encoded */
    HttpResponse send(HttpMethod method, String path, String body, Consumer<HttpHeaders> headers) {
        RestClient.RequestBodySpec request =
                client.method(method).uri(URI.create(baseUrl + path)).headers(headers);
        if (body != null) {
            request.headers(h -> {
                        if (h.getContentType() == null) {
                            h.setContentType(MediaType.APPLICATION_JSON);
                        }
                    })
                    .body(body);
        }
        return request.exchangeForRequiredValue(
                (req, res) -> new HttpResponse(res.getStatusCode().value(), res.getHeaders(), read(res.getBody())));
    }

    /** An OData string literal: in single quotes, a quote inside doubled. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** URL-encodes a query parameter's value. */
    static String encode(String value) {
        return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8);
    }

    private static String read(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }
}
