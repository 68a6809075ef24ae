package io.kit4j.gateway;

import io.kit4j.errors.KitError;
import io.kit4j.transport.http.ServerRequest;
import java.time.Duration;
import java.util.Locale;

/**
 * What marks a request as a gRPC call, and gRPC's {@code grpc-timeout} header both ways. A call is a
 * request that came over HTTP/2 with a {@code content-type} of {@code application/grpc} or
 * {@code application/grpc+<codec>} (not gRPC-Web, which is HTTP/1.1 traffic of its own).
 */
final class GrpcCalls {
    private static final long MAX_VALUE = 99_999_999L; // grpc-timeout allows at most 8 digits

    private GrpcCalls() {
    }

    /** True for a gRPC call: HTTP/2 and a gRPC content type. */
    static boolean isGrpc(ServerRequest req) {
        return req.isHttp2() && isGrpcContentType(req.header("Content-Type"));
    }

    static boolean isGrpcContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String ct = contentType.trim().toLowerCase(Locale.ROOT);
        if (!ct.startsWith("application/grpc")) {
            return false;
        }
        String rest = ct.substring("application/grpc".length());
        return rest.isEmpty() || rest.startsWith("+") || rest.startsWith(";");
    }

    /**
     * The duration of a {@code grpc-timeout} value ({@code 1-8 digits} and a unit of {@code H M S m u n}),
     * or null when there is none; a malformed one is a 400 {@link KitError}.
     */
    static Duration parseTimeout(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() < 2 || v.length() > 9) {
            throw KitError.invalidArgument("malformed grpc-timeout: " + value);
        }
        long n;
        try {
            n = Long.parseLong(v.substring(0, v.length() - 1));
        } catch (NumberFormatException e) {
            throw KitError.invalidArgument("malformed grpc-timeout: " + value);
        }
        if (n < 0 || !Character.isDigit(v.charAt(0))) {
            throw KitError.invalidArgument("malformed grpc-timeout: " + value);
        }
        return switch (v.charAt(v.length() - 1)) {
            case 'H' -> Duration.ofHours(n);
            case 'M' -> Duration.ofMinutes(n);
            case 'S' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMillis(n);
            case 'u' -> Duration.ofNanos(n * 1000);
            case 'n' -> Duration.ofNanos(n);
            default -> throw KitError.invalidArgument("malformed grpc-timeout: " + value);
        };
    }

    /** {@code d} as a {@code grpc-timeout} value, in the finest unit that fits 8 digits (at least 1). */
    static String formatTimeout(Duration d) {
        long nanos = Math.max(1, d.toNanos() > 0 ? d.toNanos() : 1);
        if (nanos <= MAX_VALUE) {
            return nanos + "n";
        }
        long micros = Math.ceilDiv(nanos, 1_000L);
        if (micros <= MAX_VALUE) {
            return micros + "u";
        }
        long millis = Math.ceilDiv(nanos, 1_000_000L);
        if (millis <= MAX_VALUE) {
            return millis + "m";
        }
        long seconds = Math.ceilDiv(nanos, 1_000_000_000L);
        if (seconds <= MAX_VALUE) {
            return seconds + "S";
        }
        long minutes = Math.ceilDiv(seconds, 60L);
        return minutes <= MAX_VALUE ? minutes + "M" : Math.min(MAX_VALUE, Math.ceilDiv(minutes, 60L)) + "H";
    }
}
