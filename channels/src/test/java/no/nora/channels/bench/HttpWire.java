package no.nora.channels.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The load generator's side of one keep-alive HTTP/1.1 connection: one request at a time, written as prepared bytes,
 * its answer read by Content-Length. It does what wrk does and no more (no request objects, no header maps), so the
 * two cores the benchmarks share spend as little as they can on making the load. Answers must carry a
 * Content-Length (every answer of the gateway and of the ceiling does); a closed connection is opened again for the
 * next request.
 */
final class HttpWire {
    /** An answer: its status and its body. */
    record Answer(int status, Buffer body) {
    }

    /**
     * Connections to one port as a proxy in front of the gateway keeps them: the idle one used last goes first, and
     * a new one is opened only when all are busy. Debtors do not each hold a connection of their own: a gateway
     * behind a load balancer sees its few pooled connections, not one per debtor. For one event loop only.
     */
    static final class Pool {
        private final NetClient net;
        private final int port;
        private final ArrayDeque<HttpWire> idle = new ArrayDeque<>();

        Pool(NetClient net, int port) {
            this.net = net;
            this.port = port;
        }

        /** A POST of a JSON body; {@code bearer} may be null. */
        Future<Answer> postJson(String path, String bearer, Buffer json) {
            String authorization = bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n";
            return post(path, "application/json", authorization, json);
        }

        /** A POST; {@code moreHeaders} are whole header lines, each ending in CRLF. */
        Future<Answer> post(String path, String contentType, String moreHeaders, Buffer body) {
            return onIdleWire(wire -> wire.post(path, contentType, moreHeaders, body));
        }

        private Future<Answer> onIdleWire(java.util.function.Function<HttpWire, Future<Answer>> request) {
            HttpWire wire = idle.isEmpty() ? new HttpWire(net, port) : idle.pop();
            return request.apply(wire).onComplete(done -> idle.push(wire));
        }
    }

    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

    private final NetClient net;
    private final int port;
    private final String hostHeader;
    private NetSocket socket;
    private Buffer received = Buffer.buffer();
    private Promise<Answer> waiting;

    private HttpWire(NetClient net, int port) {
        this.net = net;
        this.port = port;
        this.hostHeader = "Host: 127.0.0.1:" + port + "\r\n";
    }

    private Future<Answer> post(String path, String contentType, String moreHeaders, Buffer body) {
        String head = "POST " + path + " HTTP/1.1\r\n" + hostHeader + moreHeaders + "Content-Type: " + contentType
                + "\r\nContent-Length: " + body.length() + "\r\n\r\n";
        return send(Buffer.buffer(head.length() + body.length()).appendString(head).appendBuffer(body));
    }

    private Future<Answer> send(Buffer request) {
        if (waiting != null) {
            return Future.failedFuture(new IllegalStateException("one request at a time"));
        }
        Future<NetSocket> connected = socket != null ? Future.succeededFuture(socket) : connect();
        return connected.compose(s -> {
            waiting = Promise.promise();
            Future<Answer> answer = waiting.future();
            s.write(request);
            return answer;
        });
    }

    private Future<NetSocket> connect() {
        return net.connect(port, "127.0.0.1").onSuccess(s -> {
            socket = s;
            received = Buffer.buffer();
            s.handler(this::read);
            s.closeHandler(v -> {
                socket = null;
                answerWith(null, new IllegalStateException("connection closed"));
            });
        });
    }

    private void read(Buffer data) {
        received.appendBuffer(data);
        int headersEnd = indexOf(received, HEADERS_END);
        if (headersEnd < 0) {
            return;
        }
        String head = received.getString(0, headersEnd, StandardCharsets.ISO_8859_1.name());
        int length = contentLength(head);
        int bodyStart = headersEnd + HEADERS_END.length;
        if (length < 0) {
            answerWith(null, new IllegalStateException("no Content-Length: " + head));
            socket.close();
            return;
        }
        if (received.length() < bodyStart + length) {
            return;
        }
        var answer = new Answer(Integer.parseInt(head, 9, 12, 10), received.getBuffer(bodyStart, bodyStart + length));
        received = received.length() == bodyStart + length ? Buffer.buffer()
                : received.getBuffer(bodyStart + length, received.length());
        answerWith(answer, null);
    }

    private void answerWith(Answer answer, Throwable failure) {
        Promise<Answer> promise = waiting;
        waiting = null;
        if (promise != null) {
            if (failure == null) {
                promise.complete(answer);
            } else {
                promise.fail(failure);
            }
        }
    }

    private static int contentLength(String head) {
        int at = 0;
        while ((at = head.indexOf('\n', at)) >= 0) {
            at++;
            if (head.regionMatches(true, at, "content-length:", 0, 15)) {
                int end = head.indexOf('\r', at);
                return Integer.parseInt(head.substring(at + 15, end < 0 ? head.length() : end).trim());
            }
        }
        return -1;
    }

    private static int indexOf(Buffer buffer, byte[] what) {
        outer:
        for (int i = 0, last = buffer.length() - what.length; i <= last; i++) {
            for (int j = 0; j < what.length; j++) {
                if (buffer.getByte(i + j) != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
