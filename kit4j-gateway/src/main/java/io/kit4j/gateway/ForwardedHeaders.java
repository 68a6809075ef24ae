package io.kit4j.gateway;

import io.kit4j.transport.http.ServerRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/**
 * The headers the gateway sends upstream for one client request: the client's end-to-end headers (not
 * the hop-by-hop ones, not {@code Host}, {@code Content-Length} or {@code Expect}, which the gateway's
 * own connection sets), plus {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host}.
 *
 * <p>From a {@link TrustedProxies trusted} peer the client's forwarding headers are kept and the peer's
 * address is appended to {@code X-Forwarded-For}. From anyone else every {@code X-Forwarded-*},
 * {@code Forwarded} and {@code X-Real-IP} header is dropped and the three are set from the connection
 * itself, so a client cannot pose as another address.
 */
final class ForwardedHeaders {
    private ForwardedHeaders() {
    }

    /** The upstream request headers for {@code req}. */
    static HttpFields.Mutable of(ServerRequest req, TrustedProxies trusted) {
        Request jetty = req.unwrap();
        HttpFields in = jetty.getHeaders();
        Set<String> named = HopByHop.named(in);
        String peer = Request.getRemoteAddr(jetty);
        boolean trustedPeer = trusted.contains(peer);
        HttpFields.Mutable out = HttpFields.build(in.size() + 3);
        for (HttpField f : in) {
            String lower = f.getLowerCaseName();
            if (HopByHop.isHopByHop(f, named) || lower.equals("host") || lower.equals("content-length")
                    || lower.equals("expect")) {
                continue;
            }
            boolean forwarding = lower.startsWith("x-forwarded-") || lower.equals("forwarded")
                    || lower.equals("x-real-ip");
            if (forwarding && (!trustedPeer || lower.equals("x-forwarded-for") || lower.equals("x-forwarded-proto")
                    || lower.equals("x-forwarded-host"))) {
                continue;
            }
            out.add(f);
        }
        String prior = trustedPeer ? String.join(", ", nonBlank(in.getValuesList("X-Forwarded-For"))) : "";
        out.put("X-Forwarded-For", prior.isEmpty() ? peer : prior + ", " + peer);
        String proto = trustedPeer ? in.get("X-Forwarded-Proto") : null;
        out.put("X-Forwarded-Proto", proto != null && !proto.isBlank() ? proto : schemeOf(req));
        String host = trustedPeer ? in.get("X-Forwarded-Host") : null;
        if (host == null || host.isBlank()) {
            host = in.get("Host");
        }
        if (host != null && !host.isBlank()) {
            out.put("X-Forwarded-Host", host);
        }
        return out;
    }

    private static String schemeOf(ServerRequest req) {
        String s = req.scheme();
        return s == null ? "http" : s.toLowerCase(Locale.ROOT);
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
