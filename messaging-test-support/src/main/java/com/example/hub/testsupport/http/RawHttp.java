package com.example.hub.testsupport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests that no HTTP client would send: any bytes as the request target, any
 * method, headers as given. Each request has its own connection, closed by the client after the answer.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 20_000;

    private RawHttp() {}

    /**
     * Sends a request and reads the whole answer.
     *
     * @param port the server's port
     * @param head the request line and headers, without the blank line that ends them
     * @param body the body, empty for none
     * @return the answer
     * @throws IOException when the connection fails or ends without an answer: a dropped connection
     */
    public static Reply send(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException ex) {
                // the server may answer and close before it read all of the request (headers too large): its answer
                // is still to be read; without one, the connection was dropped
                try {
                    return read(socket.getInputStream());
                } catch (IOException none) {
                    ex.addSuppressed(none);
                    throw ex;
                }
            }
            return read(socket.getInputStream());
        }
    }

    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        byte[] all = bytes.toByteArray();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int start = 0;
        // interim answers (100 Continue) before the final one
        while (text.startsWith("HTTP/1.1 1", start) && text.indexOf("\r\n\r\n", start) > 0) {
            start = text.indexOf("\r\n\r\n", start) + 4;
        }
        text = text.substring(start);
        all = Arrays.copyOfRange(all, start, all.length);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IOException("No answer: " + all.length + " bytes received");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        String body = new String(all, end + 4, all.length - end - 4, StandardCharsets.UTF_8);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Reply(status, headers, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(
                    chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    /**
     * An answer.
     *
     * @param status its status
     * @param headers its headers, by lower-case name
     * @param body its body, de-chunked
     */
    public record Reply(int status, Map<String, String> headers, String body) {

        /**
         * Its content type.
         *
         * @return the {@code Content-Type} header, empty without one
         */
        public String contentType() {
            return this.headers.getOrDefault("content-type", "");
        }
    }
}
