package com.example.hub.testsupport.http;

import static com.example.hub.testsupport.http.ProblemAssertions.assertProblem;

import com.example.hub.testsupport.security.TestApiKeys;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every error of an app's HTTP interface is a problem body ({@code application/problem+json}), also for the requests
 * Tomcat or the servlet container turns away before Spring MVC: broken or forbidden encodings, a raw {@code <} or
 * {@code {}, a request target over the header limit, too many headers, {@code TRACE} and {@code CONNECT}, no API key
 * or a wrong one. A test class of an app extends it, starts the app on a random port, and names the path to try and
 * a key that may read it.
 */
public abstract class ErrorProblemContract {

    private final String path;

    private final String key;

    @LocalServerPort
    private int port;

    /**
     * The contract for one path of an app.
     *
     * @param path a path of the app's, such as {@code /users}; the requests go to it and below it
     * @param key an API key that may read it, one of {@link TestApiKeys}
     */
    protected ErrorProblemContract(String path, String key) {
        this.path = path;
        this.key = "\r\n" + TestApiKeys.HEADER + ": " + key;
    }

    @TestFactory
    Stream<DynamicTest> anErrorIsAProblemBody() {
        return Stream.of(
                        "GET " + this.path + "/a%2Fb HTTP/1.1" + this.key,
                        "GET " + this.path + "/a%00b HTTP/1.1" + this.key,
                        "GET " + this.path + "/a%5Cb HTTP/1.1" + this.key,
                        "GET " + this.path + "/<script> HTTP/1.1" + this.key,
                        "GET " + this.path + "/{id} HTTP/1.1" + this.key,
                        "GET " + this.path + "/a;x=%zz HTTP/1.1" + this.key,
                        "GET " + this.path + "/%zz HTTP/1.1" + this.key,
                        "GET " + this.path + "/unknown-path-here HTTP/1.1" + this.key,
                        "TRACE " + this.path + " HTTP/1.1" + this.key,
                        "CONNECT " + this.path + " HTTP/1.1" + this.key,
                        "DELETE " + this.path + "/x HTTP/1.1" + this.key,
                        "GET /error HTTP/1.1" + this.key,
                        "GET " + this.path + "/x HTTP/1.1",
                        "GET " + this.path + "/x HTTP/1.1\r\n" + TestApiKeys.HEADER + ": wrong")
                .map(head -> DynamicTest.dynamicTest(head, () -> assertProblem(send(head))));
    }

    @ParameterizedTest
    @ValueSource(ints = {9_000, 20_000})
    void aRequestTargetOverTheHeaderLimitIsAProblemBody(int length) throws IOException {
        assertProblem(send("GET " + this.path + "/" + "a".repeat(length) + " HTTP/1.1" + this.key));
    }

    @ParameterizedTest
    @ValueSource(ints = {101, 200})
    void tooManyHeadersAreAProblemBody(int count) throws IOException {
        StringBuilder head = new StringBuilder("GET " + this.path + "/x HTTP/1.1" + this.key);
        for (int i = 0; i < count; i++) {
            head.append("\r\nX-Header-").append(i).append(": ").append(i);
        }
        assertProblem(send(head.toString()));
    }

    private RawHttp.Reply send(String head) throws IOException {
        return RawHttp.send(this.port, head + "\r\nHost: localhost\r\nConnection: close", new byte[0]);
    }
}
