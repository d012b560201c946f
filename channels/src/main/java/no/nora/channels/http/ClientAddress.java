package no.nora.channels.http;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Who is on the other end of a request, and what URL they called. Forwarded headers ({@code X-Forwarded-For},
 * {@code -Proto}, {@code -Host}) are believed only from the proxies in {@code TRUSTED_PROXIES}: from anyone else they
 * are the client's own words, and a client could name any address (to escape its rate limit) or any host (to make a
 * Twilio signature made for another URL validate). Subnets are matched by Netty's {@link IpSubnetFilterRule}.
 */
public final class ClientAddress {
    private final List<IpSubnetFilterRule> trusted;

    public ClientAddress(List<String> trustedCidrs) {
        this.trusted = trustedCidrs.stream().map(ClientAddress::rule).toList();
    }

    public static ClientAddress none() {
        return new ClientAddress(List.of());
    }

    /** Whether {@code cidr} is an IP address or an address with a prefix length that fits it. */
    public static boolean isValidCidr(String cidr) {
        try {
            rule(cidr);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The client's address: the socket's, or behind trusted proxies the nearest address they did not add. */
    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (!isTrusted(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        // From the right: each hop was added by the proxy before it; the first hop a trusted proxy did not add is the client.
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!NetUtil.isValidIpV4Address(hop) && !NetUtil.isValidIpV6Address(hop)) {
                return peer; // A malformed list is not evidence of anything: count the proxy itself.
            }
            if (!isTrusted(hop) || i == 0) {
                return hop;
            }
        }
        return peer;
    }

    /** The scheme and host the client called, as a trusted proxy reports them; empty when it is not one. */
    public Optional<String> forwardedProto(HttpServerRequest request) {
        return forwarded(request, "X-Forwarded-Proto").filter(p -> p.equals("https") || p.equals("http"));
    }

    public Optional<String> forwardedHost(HttpServerRequest request) {
        return forwarded(request, "X-Forwarded-Host").filter(h -> h.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}"));
    }

    private Optional<String> forwarded(HttpServerRequest request, String header) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (peer == null || !isTrusted(peer)) {
            return Optional.empty();
        }
        return Optional.ofNullable(request.getHeader(header)).map(v -> v.split(",")[0].trim()).filter(v -> !v.isEmpty());
    }

    boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return false;
        }
        var socket = socketOf(address);
        return socket.isPresent() && trusted.stream().anyMatch(rule -> rule.matches(socket.get()));
    }

    private static Optional<InetSocketAddress> socketOf(String address) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(bytes), 0));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static IpSubnetFilterRule rule(String cidr) {
        String[] parts = cidr.split("/", 2);
        String ip = parts[0].trim();
        if (!NetUtil.isValidIpV4Address(ip) && !NetUtil.isValidIpV6Address(ip)) {
            throw new IllegalArgumentException("not an IP address");
        }
        int max = NetUtil.isValidIpV4Address(ip) ? 32 : 128;
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : max;
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix out of range");
        }
        return new IpSubnetFilterRule(ip, prefix, IpFilterRuleType.ACCEPT);
    }
}
