package com.example.hub.messaging.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's error report as a problem body instead of its HTML page: for the requests Tomcat rejects before any
 * servlet runs (a URI with an encoded {@code /}, {@code \} or NUL, a raw {@code <} or {@code {}, a request line or
 * headers larger than {@code server.max-http-request-header-size}, more headers than {@code hub.web.max-header-count})
 * and for any error no error page answered. Tomcat's 501 for {@code CONNECT} or a method it does not know is answered
 * 405: the method is not allowed, the server did not fail.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH";

    /** A valve that shows no server information and no stack trace. */
    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (status == HttpServletResponse.SC_NOT_IMPLEMENTED) {
            // Tomcat's answer to CONNECT and to methods it does not know: a method the server does not allow here
            status = HttpServletResponse.SC_METHOD_NOT_ALLOWED;
            response.setStatus(status);
            response.setHeader("Allow", ALLOWED_METHODS);
        }
        byte[] body = ProblemBodies.of(status, response.getMessage());
        try {
            response.setContentType(ProblemBodies.CONTENT_TYPE);
            response.setContentLength(body.length);
            OutputStream out = response.getOutputStream();
            out.write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException ex) {
            // the client is gone or the response was taken over: nothing more can be said to it
        }
    }
}
