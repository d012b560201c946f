package no.nora.channels.attacks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: the bytes go out exactly as written, where an HTTP client would fix the request up
 * (refuse a made-up method, drop a body on GET, add its own Content-Length, percent-encode a path). One request per
 * connection, read back until the server closes or the declared body has arrived.
 */
final class RawHttp {
    private static final int TIMEOUT_MS = 10_000;
    /** The status of an answer that did not come within the timeout, while the connection stayed open. */
    static final int TIMED_OUT = -1;

    private RawHttp() {
    }

    /** What came back; status 0 when the server closed the connection without answering. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    /** A request with a body: {@code Content-Length} is set from the body unless the head already holds one. */
    static Answer send(int port, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        var head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null && headers.keySet().stream().noneMatch(n -> n.equalsIgnoreCase("Content-Length")
                || n.equalsIgnoreCase("Transfer-Encoding"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            bytes.writeBytes(body);
        }
        return exchange(port, bytes.toByteArray());
    }

    /** Writes the bytes as they are and reads the first answer. */
    static Answer exchange(int port, byte[] request) throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException closedWhileWriting) {
                // The server may answer (413, 400) and close before all of a large request is written.
            }
            return read(socket.getInputStream());
        }
    }

    /** The final answer: an interim "100 Continue" is read past. */
    static Answer read(InputStream in) throws IOException {
        Answer answer = readOne(in);
        while (answer.status() == 100) {
            answer = readOne(in);
        }
        return answer;
    }

    private static Answer readOne(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        try {
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        } catch (SocketTimeoutException silent) {
            return new Answer(TIMED_OUT, Map.of(), new byte[0]);
        } catch (IOException reset) {
            // A reset before any answer is "no answer", status 0.
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        if (lines.length == 0 || !lines[0].matches("HTTP/1\\.[01] \\d{3}.*")) {
            return new Answer(0, Map.of(), new byte[0]);
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        var headers = new LinkedHashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = body(in, status, headers);
        return new Answer(status, headers, "gzip".equalsIgnoreCase(headers.get("content-encoding")) ? gunzip(body) : body);
    }

    private static byte[] gunzip(byte[] body) {
        try (var unzipped = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return unzipped.readAllBytes();
        } catch (IOException notGzip) {
            return body;
        }
    }

    private static byte[] body(InputStream in, int status, Map<String, String> headers) throws IOException {
        var body = new ByteArrayOutputStream();
        try {
            if (status < 200 || status == 204 || status == 304) {
                return body.toByteArray(); // these never have a body
            } else if (headers.containsKey("content-length")) {
                body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                while (true) {
                    String size = line(in);
                    int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (length == 0) {
                        break;
                    }
                    body.writeBytes(in.readNBytes(length));
                    line(in);
                }
            } else if (!headers.getOrDefault("upgrade", "").equalsIgnoreCase("websocket")) {
                body.writeBytes(in.readAllBytes());
            }
        } catch (SocketTimeoutException | java.net.SocketException cutShort) {
            // What arrived is the answer.
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
