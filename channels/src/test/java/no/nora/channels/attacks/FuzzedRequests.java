package no.nora.channels.attacks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Makes raw HTTP/1.1 requests from a seeded {@link Random}: real and made-up methods, every endpoint with path
 * tricks, odd and duplicated headers, bodies of random bytes and odd encodings, chunked and gzip-claimed bodies. The
 * same seed gives the same requests. Every request is complete (its framing says where it ends), so the gateway never
 * waits for bytes that will not come; each carries {@link #CANARY} in a header or its body, which no log may show.
 */
final class FuzzedRequests {
    /** Stands for anything secret a client sends: a password, a name. No seven digits, so redaction leaves it. */
    static final String CANARY = "hemmeligKANARI";
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "CONNECT");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-16",
            "application/json; charset=iso-8859-1", "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=utf-16", "multipart/form-data; boundary=XyZ",
            "multipart/form-data", "text/plain", "application/xml", "", "application/json, text/plain",
            "application/jsonx", "*/*", "application/json; charset=\u00e6\u00f8\u00e5", "\u202Eapplication/json");

    /** One request: what it was (for a failure message) and its bytes. */
    record Fuzzed(String description, String method, String target, String version, byte[] bytes) {
        /**
         * A request line whose version Vert.x does not know ("http/1.1", "HTTP/2.0"): Vert.x itself answers 501 Not
         * Implemented, before any handler of ours runs – what HTTP prescribes for a version a server does not speak.
         */
        boolean isUnknownVersion() {
            return !version.equals("HTTP/1.1") && !version.equals("HTTP/1.0");
        }
    }

    /** Paths a client may call, with what a valid body looks like there; ids and tokens of a real chat. */
    private final List<Endpoint> endpoints;
    private final List<String> tokens;
    private final Random random;

    record Endpoint(String method, String path, String contentType, String body) {
    }

    FuzzedRequests(Random random, List<Endpoint> endpoints, List<String> tokens) {
        this.random = random;
        this.endpoints = endpoints;
        this.tokens = tokens;
    }

    Fuzzed next() {
        Endpoint endpoint = pick(endpoints);
        String method = chance(0.6) ? endpoint.method() : method();
        String target = chance(0.6) ? endpoint.path() : trickPath(endpoint.path());
        String version = chance(0.95) ? "HTTP/1.1" : pick(List.of("HTTP/1.0", "HTTP/2.0", "HTTP/1.1 extra", "HTTP/1.12", "http/1.1"));
        var headers = new ArrayList<String>();
        var description = new StringBuilder(method.length() > 40 ? method.substring(0, 40) + "…" : method).append(' ')
                .append(target.length() > 80 ? target.substring(0, 80) + "…(" + target.length() + ")" : target);
        if (chance(0.97)) {
            headers.add("Host: localhost");
        } else {
            description.append(" (no Host)");
        }
        String contentType = chance(0.7) ? endpoint.contentType() : pick(CONTENT_TYPES);
        if (contentType != null && chance(0.9)) {
            headers.add("Content-Type: " + contentType);
            description.append(" [").append(contentType).append(']');
        }
        int extra = random.nextInt(4);
        for (int i = 0; i < extra; i++) {
            String header = header();
            headers.add(header);
            description.append(" +").append(header.length() > 30 ? header.substring(0, 30) + "…" : header);
        }
        Body body = body(endpoint, contentType);
        description.append(" body:").append(body.kind());
        String lineEnd = chance(0.02) ? "\n" : "\r\n";
        if (!version.equals("HTTP/1.1") || lineEnd.equals("\n")) {
            description.append(" (").append(version).append(lineEnd.equals("\n") ? ", LF only)" : ")");
        }
        var out = new ByteArrayOutputStream();
        write(out, method + " " + target + " " + version + lineEnd);
        headers.forEach(h -> write(out, h + lineEnd));
        framing(out, body.bytes(), lineEnd, description);
        return new Fuzzed(description.toString(), method, target, version, out.toByteArray());
    }

    /** How the body is delimited: mostly Content-Length, sometimes chunked, sometimes both or twice. */
    private void framing(ByteArrayOutputStream out, byte[] body, String lineEnd, StringBuilder description) {
        int how = random.nextInt(100);
        if (body == null && how < 80) {
            write(out, "Connection: close" + lineEnd + lineEnd);
            return;
        }
        byte[] bytes = body == null ? new byte[0] : body;
        if (how < 80) {
            write(out, "Content-Length: " + bytes.length + lineEnd + "Connection: close" + lineEnd + lineEnd);
            out.writeBytes(bytes);
        } else if (how < 90) {
            description.append(" chunked");
            write(out, "Transfer-Encoding: chunked" + lineEnd + "Connection: close" + lineEnd + lineEnd);
            int at = 0;
            while (at < bytes.length) {
                int size = Math.min(bytes.length - at, 1 + random.nextInt(64));
                write(out, Integer.toHexString(size) + (chance(0.1) ? ";ext=" + CANARY : "") + "\r\n");
                out.write(bytes, at, size);
                write(out, "\r\n");
                at += size;
            }
            write(out, chance(0.9) ? "0\r\n\r\n" : "zz\r\n\r\n0\r\n\r\n");
        } else if (how < 94) {
            description.append(" CL+TE");
            write(out, "Content-Length: " + bytes.length + lineEnd + "Transfer-Encoding: chunked" + lineEnd
                    + "Connection: close" + lineEnd + lineEnd);
            write(out, Integer.toHexString(bytes.length) + "\r\n");
            out.writeBytes(bytes);
            write(out, "\r\n0\r\n\r\n");
        } else if (how < 97) {
            description.append(" two Content-Lengths");
            write(out, "Content-Length: " + bytes.length + lineEnd + "Content-Length: " + (bytes.length + 1) + lineEnd
                    + "Connection: close" + lineEnd + lineEnd);
            out.writeBytes(bytes);
            out.write(' ');
        } else {
            description.append(" Content-Length junk");
            write(out, "Content-Length: " + pick(List.of("-1", "abc", "1e3", "+5", "99999999999999999999", " 0x10"))
                    + lineEnd + "Connection: close" + lineEnd + lineEnd);
        }
    }

    private record Body(String kind, byte[] bytes) {
    }

    private Body body(Endpoint endpoint, String contentType) {
        String valid = endpoint.body() == null ? "{\"text\":\"hei " + CANARY + "\"}" : endpoint.body();
        return switch (random.nextInt(16)) {
            case 0 -> new Body("none", null);
            case 1, 2 -> new Body("valid", utf8(valid));
            case 3 -> new Body("mutated", mutate(utf8(valid)));
            case 4 -> new Body("random bytes", randomBytes(random.nextInt(2000)));
            case 5 -> new Body("invalid UTF-8", concat(utf8("{\"text\":\"" + CANARY), new byte[] {(byte) 0xC3, 0x28,
                    (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80}, utf8("\"}")));
            case 6 -> new Body("UTF-16", chance(0.5) ? valid.getBytes(StandardCharsets.UTF_16)
                    : valid.getBytes(StandardCharsets.UTF_16LE));
            case 7 -> new Body("gzip", gzip(utf8(valid)));
            case 8 -> new Body("form", utf8(pick(List.of("Body=%zz&From=" + CANARY, "text=" + CANARY + "%",
                    "%=" + CANARY, "a=%E" + CANARY, "&&&==&" + CANARY, "name=" + CANARY + "&name=" + CANARY + "%u00e6",
                    "Body=" + CANARY + "&From=%2B4791234567&To=%2B4759440000&MessageSid=SM" + CANARY))));
            case 9 -> new Body("multipart", utf8("--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n"
                    + CANARY + "\r\n" + (chance(0.5) ? "--XyZ--\r\n" : "--Xy")));
            case 10 -> new Body("70 KB", utf8("{\"text\":\"" + CANARY + "a".repeat(70_000) + "\"}"));
            case 11 -> new Body("deep", utf8("[".repeat(5000) + "\"" + CANARY + "\"" + "]".repeat(5000)));
            case 12 -> new Body("odd JSON", utf8(pick(List.of(
                    "{\"text\":\"\\ud800" + CANARY + "\"}", "{\"text\":\"" + CANARY + "\",\"text\":1}",
                    "{\"text\":\"\\u0000" + CANARY + "\"}", "{\"language\":1e999999,\"text\":\"" + CANARY + "\"}",
                    "{\"text\":\"" + CANARY + "\"}garbage", "\uFEFF{\"text\":\"" + CANARY + "\"}",
                    "{\"type\":\"auth\",\"token\":{\"$ne\":\"" + CANARY + "\"}}", "{'text':'" + CANARY + "'}",
                    "{\"text\":\"" + CANARY + "\u2028\u2029\u202E\uFFFF\"}", "{\"text\":" + "9".repeat(5000) + "}"))));
            case 13 -> new Body("Unicode text", utf8(CANARY + " \uD83D\uDE00\u0000\u202E\u200B\uFFFD\uD800x"
                    + new String(Character.toChars(0x16AC1))));
            default -> new Body("empty", new byte[0]);
        };
    }

    private String method() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> pick(METHODS);
            case 4 -> "M" + randomToken(1 + random.nextInt(12));
            case 5 -> pick(METHODS).toLowerCase(java.util.Locale.ROOT);
            case 6 -> randomToken(200 + random.nextInt(2000));
            case 7 -> pick(List.of("PRI", "PROPFIND", "MKCOL", "QUERY", "SEARCH", "GET\u00e6", "G\tET", "GE\u0000T"));
            case 8 -> pick(List.of("", "-", "\u202EGET", "TRACE", "CONNECT"));
            default -> "X-" + randomToken(6);
        };
    }

    private String trickPath(String path) {
        String target = switch (random.nextInt(18)) {
            case 0 -> "/%2e%2e/%2e%2e" + path;
            case 1 -> path.replace("/", "//");
            case 2 -> path.replace("/", "%2F");
            case 3 -> path + "/" + "a".repeat(random.nextInt(9000));
            case 4 -> path + "/%2e%2e/%2e%2e/metrics";
            case 5 -> path + "?token=%zz&after=%&" + CANARY + "=" + CANARY;
            case 6 -> path + "%00";
            case 7 -> path + "/%ff%fe%c0%af";
            case 8 -> path.replace("api", "API");
            case 9 -> "http://localhost" + path;
            case 10 -> pick(List.of("*", "", "api/chat/sessions", "\\api\\chat\\sessions", "/..", "/./api/./nlu/parse"));
            case 11 -> path + "/\uD83D\uDE00\u00e6\u202E";
            case 12 -> path + "?" + "q=".repeat(3000);
            case 13 -> path + "#" + CANARY;
            case 14 -> path + "%0d%0aSet-Cookie:%20x=" + CANARY;
            case 15 -> path + ";jsessionid=" + CANARY;
            case 16 -> path + "/" + randomToken(40);
            default -> path + "?after=" + pick(List.of("%zz", "-1", "", "\u00e6", randomToken(300)));
        };
        return target;
    }

    private String header() {
        return switch (random.nextInt(22)) {
            case 0 -> "Authorization: Bearer " + (tokens.isEmpty() ? CANARY : pick(tokens));
            case 1 -> "Authorization: Bearer " + CANARY + "." + randomToken(30) + "." + randomToken(10);
            case 2 -> "Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJkLTEwMDEiLCJyb2xlIjoic3VwZXJ2aXNvciJ9.";
            case 3 -> "Authorization: Basic " + CANARY;
            case 4 -> "X-Forwarded-For: " + pick(List.of("127.0.0.1", "::1, " + CANARY, "%zz", "\u00e6\u00f8"));
            case 5 -> "X-Forwarded-Host: " + pick(List.of("evil.example", CANARY + ":99999", ""));
            case 6 -> "X-Twilio-Signature: " + CANARY;
            case 7 -> "Content-Encoding: " + pick(List.of("gzip", "deflate", "br", "identity", "x-" + CANARY));
            case 8 -> "Accept-Encoding: gzip, deflate, br";
            case 9 -> "Expect: 100-continue";
            case 10 -> "Cookie: " + CANARY + "=" + randomToken(50);
            case 11 -> "X-Huge: " + CANARY + "a".repeat(2000 + random.nextInt(10_000));
            case 12 -> "X-Unicode: " + CANARY + " \uD83D\uDE00 \u202E \u0000 \u00ff";
            case 13 -> "X-Injected: " + CANARY + "\r\nSet-Cookie: x=" + CANARY;
            case 14 -> "X-Bare-Cr: " + CANARY + "\rSet-Cookie: y=1";
            case 15 -> "X-Folded: " + CANARY + "\r\n continued";
            case 16 -> "No colon " + CANARY;
            case 17 -> "Bad Name\u00e6: " + CANARY;
            case 18 -> "Range: bytes=" + pick(List.of("0-0", "99999-1", "-", "0-1,2-3,4-5", CANARY));
            case 19 -> "Upgrade: " + pick(List.of("websocket", "h2c", CANARY));
            case 20 -> "Origin: " + pick(List.of("null", "https://evil.example", CANARY));
            default -> "If-Modified-Since: " + pick(List.of(CANARY, "Mon, 32 Foo 99999 99:99:99 GMT", ""));
        };
    }

    private byte[] mutate(byte[] bytes) {
        byte[] copy = bytes.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && copy.length > 0; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        if (chance(0.3) && copy.length > 1) {
            return java.util.Arrays.copyOf(copy, random.nextInt(copy.length));
        }
        return copy;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return concat(bytes, utf8(CANARY));
    }

    private String randomToken(int length) {
        var token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append((char) ('A' + random.nextInt(26)));
        }
        return token.toString();
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(utf8(text));
    }
}
