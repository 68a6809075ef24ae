package io.kit4j.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.semconv.HttpAttributes.HttpRequestMethodValues;
import java.util.Set;

/** Helpers for OpenTelemetry's HTTP semantic conventions shared by the server and client hooks. */
final class HttpAttributes {
    /** Incubating in the conventions (not in the stable semconv artifact), so declared here. */
    static final AttributeKey<Long> RESPONSE_BODY_SIZE = AttributeKey.longKey("http.response.body.size");

    private static final Set<String> KNOWN_METHODS = Set.of(HttpRequestMethodValues.GET, HttpRequestMethodValues.HEAD,
            HttpRequestMethodValues.POST, HttpRequestMethodValues.PUT, HttpRequestMethodValues.DELETE,
            HttpRequestMethodValues.CONNECT, HttpRequestMethodValues.OPTIONS, HttpRequestMethodValues.TRACE,
            HttpRequestMethodValues.PATCH);

    private HttpAttributes() {
    }

    /** The method as the conventions want it: a known method as is, anything else {@code _OTHER}. */
    static String method(String raw) {
        return KNOWN_METHODS.contains(raw) ? raw : HttpRequestMethodValues.OTHER;
    }

    /** Sets {@code http.request.method} (and {@code http.request.method_original} for an unknown one). */
    static void setMethod(SpanBuilder b, String raw) {
        String m = method(raw);
        b.setAttribute(io.opentelemetry.semconv.HttpAttributes.HTTP_REQUEST_METHOD, m);
        if (!m.equals(raw)) {
            b.setAttribute(io.opentelemetry.semconv.HttpAttributes.HTTP_REQUEST_METHOD_ORIGINAL, raw);
        }
    }

    /** The span name: {@code METHOD target}, or {@code METHOD} (or {@code HTTP} for an unknown one). */
    static String spanName(String raw, String target) {
        String m = method(raw);
        String base = m.equals(HttpRequestMethodValues.OTHER) ? "HTTP" : m;
        return target == null ? base : base + " " + target;
    }

    /** The port of a {@code host[:port]} or {@code [v6]:port} authority, or -1. */
    static int port(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || authority.indexOf(']', colon) >= 0) {
            return -1;
        }
        try {
            return Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The host of a {@code host[:port]} or {@code [v6]:port} authority. */
    static String host(String authority) {
        int colon = authority.lastIndexOf(':');
        String h = colon < 0 || authority.indexOf(']', colon) >= 0 ? authority : authority.substring(0, colon);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
