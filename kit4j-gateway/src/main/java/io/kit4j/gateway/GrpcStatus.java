package io.kit4j.gateway;

import io.kit4j.errors.ErrorInfo;
import io.kit4j.transport.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's own failures on a gRPC call, answered as gRPC does: HTTP 200, {@code application/grpc},
 * and {@code grpc-status} with a {@code grpc-message} (percent-encoded UTF-8) — "trailers-only" before
 * anything was sent, as trailers after. The one place where the gateway's errors become gRPC codes:
 *
 * <table>
 * <caption>gateway answer → gRPC status</caption>
 * <tr><td>400</td><td>3 INVALID_ARGUMENT</td></tr>
 * <tr><td>401 (JWT)</td><td>16 UNAUTHENTICATED</td></tr>
 * <tr><td>403</td><td>7 PERMISSION_DENIED</td></tr>
 * <tr><td>404 (no route)</td><td>12 UNIMPLEMENTED, as a gRPC server answers an unknown method</td></tr>
 * <tr><td>413, 429</td><td>8 RESOURCE_EXHAUSTED</td></tr>
 * <tr><td>499</td><td>1 CANCELLED</td></tr>
 * <tr><td>502, 503 (no upstream answered, none available)</td><td>14 UNAVAILABLE</td></tr>
 * <tr><td>504 (timeout, {@code grpc-timeout})</td><td>4 DEADLINE_EXCEEDED</td></tr>
 * <tr><td>other 4xx</td><td>9 FAILED_PRECONDITION</td></tr>
 * <tr><td>other</td><td>13 INTERNAL</td></tr>
 * </table>
 */
final class GrpcStatus {
    static final int CANCELLED = 1;
    static final int INVALID_ARGUMENT = 3;
    static final int DEADLINE_EXCEEDED = 4;
    static final int PERMISSION_DENIED = 7;
    static final int RESOURCE_EXHAUSTED = 8;
    static final int FAILED_PRECONDITION = 9;
    static final int UNIMPLEMENTED = 12;
    static final int INTERNAL = 13;
    static final int UNAVAILABLE = 14;
    static final int UNAUTHENTICATED = 16;

    private GrpcStatus() {
    }

    /** The gRPC status code for the gateway's answer {@code e} (as {@link Gateway#answerFor} made it). */
    static int codeFor(Exception e) {
        int status = ErrorInfo.of(e).status();
        return switch (status) {
            case 400 -> INVALID_ARGUMENT;
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404, 405 -> UNIMPLEMENTED;
            case 413, 429 -> RESOURCE_EXHAUSTED;
            case 499 -> CANCELLED;
            case 502, 503 -> UNAVAILABLE;
            case 504 -> DEADLINE_EXCEEDED;
            default -> status >= 400 && status < 500 ? FAILED_PRECONDITION : INTERNAL;
        };
    }

    /** The {@code grpc-status} and {@code grpc-message} fields for {@code e}. */
    static Map<String, List<String>> fields(Exception e) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("grpc-status", List.of(Integer.toString(codeFor(e))));
        out.put("grpc-message", List.of(encodeMessage(ErrorInfo.of(e).message())));
        return out;
    }

    /**
     * Answers {@code e} as a trailers-only gRPC response; false when part of the answer has gone out
     * already (then only trailers can still carry a status).
     */
    static boolean answer(ServerResponse resp, Exception e) {
        if (!resp.reset()) {
            return false;
        }
        resp.status(200).contentType("application/grpc");
        fields(e).forEach((name, values) -> resp.header(name, values.get(0)));
        // Retry-After of a 429, WWW-Authenticate of a 401: metadata a client can read
        ErrorInfo.of(e).headers().forEach((name, values) ->
                values.forEach(v -> resp.addHeader(name.toLowerCase(java.util.Locale.ROOT), v)));
        return true;
    }

    /** gRPC's percent-encoding of a status message: UTF-8, every byte outside printable ASCII and {@code %} escaped. */
    static String encodeMessage(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(message.length());
        for (byte x : message.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '%') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return b.toString();
    }
}
