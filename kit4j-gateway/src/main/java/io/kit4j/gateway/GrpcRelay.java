package io.kit4j.gateway;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import io.kit4j.transport.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * Relays an upstream's answer to a gRPC call: status and end-to-end headers, then the body as it arrives
 * (each read sent on at once when nothing more is waiting, so a reply reaches a bidi client before it
 * sends its next message), then the upstream's trailers ({@code grpc-status}, {@code grpc-message},
 * {@code grpc-status-details-bin}, custom ones) as trailers. A "trailers-only" answer (its
 * {@code grpc-status} in the headers, no body) is relayed as one. When the upstream breaks off after
 * the headers, the call ends with {@code grpc-status} 14 UNAVAILABLE in the trailers.
 */
final class GrpcRelay {
    private GrpcRelay() {
    }

    /** Relays {@code up} to {@code resp}; returns the HTTP status relayed. */
    static int relay(UpstreamResponse up, ServerResponse resp) throws IOException {
        resp.status(up.status());
        HttpFields headers = up.headers();
        Set<String> named = HopByHop.named(headers);
        boolean trailersOnly = false;
        Set<String> seen = new java.util.HashSet<>();
        for (HttpField f : headers) {
            String lower = f.getLowerCaseName();
            if (HopByHop.isHopByHop(lower, named) || lower.equals("content-length")) {
                continue;
            }
            trailersOnly |= lower.equals("grpc-status");
            if (seen.add(lower)) {
                resp.header(lower, f.getValue()); // replaces what the server set itself (Date)
            } else {
                resp.addHeader(lower, f.getValue());
            }
        }
        if (trailersOnly) {
            return up.status(); // nothing follows; the headers end the stream
        }
        Map<String, List<String>>[] last = new Map[1];
        resp.trailers(() -> last[0]);
        InputStream in = up.body();
        OutputStream out = resp.body();
        byte[] buf = new byte[16 << 10];
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (IOException e) {
                last[0] = GrpcStatus.fields(new KitError(ErrorCode.BAD_GATEWAY, "upstream broke off the call", e));
                return up.status();
            }
            if (n < 0) {
                last[0] = fields(up.trailers());
                return up.status();
            }
            out.write(buf, 0, n);
            if (available(in) == 0) {
                resp.flush(); // fails with an IOException when the client has gone: the exchange is aborted
            }
        }
    }

    private static int available(InputStream in) {
        try {
            return in.available();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Map<String, List<String>> fields(HttpFields trailers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (trailers != null) {
            for (HttpField f : trailers) {
                out.computeIfAbsent(f.getLowerCaseName(), k -> new java.util.ArrayList<>(1)).add(f.getValue());
            }
        }
        return out;
    }
}
