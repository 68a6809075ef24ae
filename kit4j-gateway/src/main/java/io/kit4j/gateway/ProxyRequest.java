package io.kit4j.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;

/**
 * One client request on its way upstream, as every attempt sends it: method, target (the rewritten path
 * and the query), the headers to send, the body (null when there is none), and what the route allows
 * to retry, and whether it is a gRPC call. It also holds the answers that attempts put aside ({@link UpstreamStatusException}) so that
 * the ones not relayed are released.
 */
final class ProxyRequest {
    private final String method;
    private final String target;
    private final HttpFields headers;
    private final RequestBody body;
    private final boolean idempotent;
    private final Set<Integer> retryOnStatus;
    private final boolean grpc;
    private List<UpstreamResponse> held;
    private int attempts;

    ProxyRequest(String method, String target, HttpFields headers, RequestBody body, boolean idempotent,
            Set<Integer> retryOnStatus, boolean grpc) {
        this.grpc = grpc;
        this.method = method;
        this.target = target;
        this.headers = headers;
        this.body = body;
        this.idempotent = idempotent;
        this.retryOnStatus = retryOnStatus;
    }

    /** True for a gRPC call: sent over h2c, its body streamed as it arrives (see {@link GrpcCalls}). */
    boolean grpc() {
        return grpc;
    }

    String method() {
        return method;
    }

    /** The path and query to send, starting with {@code /}. */
    String target() {
        return target;
    }

    HttpFields headers() {
        return headers;
    }

    /** The body, or null for a request without one. */
    RequestBody body() {
        return body;
    }

    /** True while the request can be sent again: no attempt has read from its body. */
    boolean resendable() {
        return body == null || !body.touched();
    }

    /** True when the route retries this method once the upstream has seen the request. */
    boolean idempotent() {
        return idempotent;
    }

    /** True when an answer with {@code status} counts as a failed attempt (to be retried). */
    boolean retriesOn(int status) {
        return idempotent && retryOnStatus.contains(status) && resendable();
    }

    /** Counts one more attempt to send this request; returns its number, from 1. */
    synchronized int nextAttempt() {
        return ++attempts;
    }

    /** Keeps {@code r} until {@link #releaseHeld}. */
    synchronized void hold(UpstreamResponse r) {
        if (held == null) {
            held = new ArrayList<>(2);
        }
        held.add(r);
    }

    /** Releases every held answer but {@code keep}. */
    synchronized void releaseHeld(UpstreamResponse keep) {
        if (held == null) {
            return;
        }
        for (UpstreamResponse r : held) {
            if (r != keep) {
                r.close();
            }
        }
        held.clear();
    }
}
