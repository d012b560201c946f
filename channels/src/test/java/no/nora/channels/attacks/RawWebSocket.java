package no.nora.channels.attacks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A WebSocket client that writes frames byte by byte as it likes – reserved opcodes, unmasked frames, lengths that
 * lie, invalid UTF-8 – where a WebSocket library would refuse. It reads what the server sends until the server
 * closes the connection.
 */
final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    /** The upgrade's answer. */
    final RawHttp.Answer handshake;

    private RawWebSocket(Socket socket, RawHttp.Answer handshake) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.handshake = handshake;
    }

    static RawWebSocket open(int port, String path, int readTimeoutMs) throws IOException {
        var socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", port), 10_000);
        socket.setSoTimeout(readTimeoutMs);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return new RawWebSocket(socket, RawHttp.read(socket.getInputStream()));
    }

    /** A frame as given: FIN and RSV bits and opcode in the first byte, masked or not, the length it claims. */
    void frame(int firstByte, boolean masked, long claimedLength, byte[] payload, Random random) throws IOException {
        var out = new ByteArrayOutputStream();
        out.write(firstByte);
        int mask = masked ? 0x80 : 0;
        if (claimedLength < 126) {
            out.write(mask | (int) claimedLength);
        } else if (claimedLength <= 0xFFFF) {
            out.write(mask | 126);
            out.write((int) (claimedLength >> 8));
            out.write((int) claimedLength);
        } else {
            out.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (claimedLength >> shift));
            }
        }
        byte[] key = new byte[4];
        if (masked) {
            random.nextBytes(key);
            out.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i % 4]);
        }
        try {
            socket.getOutputStream().write(out.toByteArray());
        } catch (IOException closedAlready) {
            // The server may have closed on an earlier frame: what matters is that it did.
        }
    }

    /** A well-formed masked text frame. */
    void text(String text, Random random) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        frame(0x81, true, payload.length, payload, random);
    }

    /** What the server sent until it closed: the payloads of its text and close frames. Times out as an error. */
    List<String> readUntilClosed() throws IOException {
        var payloads = new ArrayList<String>();
        try {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return payloads;
                }
                int second = in.read();
                if (second < 0) {
                    return payloads;
                }
                long length = second & 0x7F;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                byte[] payload = in.readNBytes((int) Math.min(length, 1 << 20));
                int opcode = first & 0x0F;
                if (opcode == 0x1 || opcode == 0x8) {
                    payloads.add(new String(payload, StandardCharsets.UTF_8));
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new SocketTimeoutException("the server kept the WebSocket open; it sent " + payloads);
        } catch (java.net.SocketException reset) {
            return payloads;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
