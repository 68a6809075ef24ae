package io.kit4j.gateway;

import io.kit4j.circuitbreaker.CircuitBreakerException;
import io.kit4j.context.Context;
import io.kit4j.sd.lb.Retry;
import io.kit4j.sd.lb.RetryCallback;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A compiled route: what it matches (path, methods, host), how it rewrites the path, and how it calls
 * its {@link Upstream}: within {@code timeout} in all, up to {@code attempts} attempts through kit4j's
 * {@link Retry} (which passes over instances that already failed in the call). An attempt is retried
 * when nothing reached the upstream (the connection failed, the breaker was open) or, for the route's
 * retry methods, when the upstream broke off or answered a retry status; never once the client's body
 * has been read, since it cannot be sent again.
 */
final class Route {
    private final RouteConfig config;
    private final String id;
    private final PathPattern path;
    private final HeaderMatch headers;
    private final PathRewrite rewrite;
    private final Set<String> methods;
    private final String host;
    private final int stripPrefix;
    private final String prefixPath;
    private final Duration timeout;
    private final int attempts;
    private final Set<String> retryMethods;
    private final Set<Integer> retryOnStatus;
    private final Upstream upstream;
    private final RouteLimit limit;
    private final RouteAuth auth;

    Route(RouteConfig config, Settings s, Upstream upstream, RouteLimit limit, RouteAuth auth) {
        this.config = config;
        this.id = config.id();
        this.path = s.path;
        this.headers = s.headers;
        this.rewrite = s.rewrite;
        this.methods = s.methods;
        this.host = config.host() == null ? null : config.host().toLowerCase(Locale.ROOT);
        this.stripPrefix = s.stripPrefix;
        this.prefixPath = s.prefixPath;
        this.timeout = s.timeout;
        this.attempts = s.attempts;
        this.retryMethods = s.retryMethods;
        this.retryOnStatus = s.retryOnStatus;
        this.upstream = upstream;
        this.limit = limit;
        this.auth = auth;
    }

    /** The verified claims of the request's token when the route requires one (else null), or the 401/403. */
    io.kit4j.auth.jwt.Claims authenticate(String authorization) {
        return auth == null ? null : auth.check(authorization);
    }

    /** Writes the route's forwarded claims into {@code headers} (nothing without a JWT check). */
    void forwardClaims(io.kit4j.auth.jwt.Claims claims, org.eclipse.jetty.http.HttpFields.Mutable headers) {
        if (auth != null && claims != null) {
            auth.forward(claims, headers);
        }
    }

    /** A route's settings, validated, before its upstream exists. */
    record Settings(PathPattern path, HeaderMatch headers, PathRewrite rewrite, Set<String> methods, int stripPrefix,
            String prefixPath, Duration timeout, int attempts, Set<String> retryMethods, Set<Integer> retryOnStatus) {

        static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

        /** Validates {@code c}; an invalid setting is an {@link IllegalArgumentException} saying which. */
        static Settings of(RouteConfig c) {
            PathPattern path = PathPattern.parse(c.path());
            HeaderMatch headers = HeaderMatch.of(c.headers());
            PathRewrite rewrite = null;
            if (c.rewrite() != null) {
                if (c.stripPrefix() != null || c.prefixPath() != null) {
                    throw new IllegalArgumentException("rewrite replaces stripPrefix and prefixPath; use one or the other");
                }
                rewrite = PathRewrite.parse(c.rewrite(), path);
            }
            int strip = c.stripPrefix() == null ? 0 : c.stripPrefix();
            if (strip < 0) {
                throw new IllegalArgumentException("stripPrefix must be 0 or more");
            }
            String prefix = c.prefixPath();
            if (prefix != null && (!prefix.startsWith("/") || prefix.contains("?") || prefix.contains("#"))) {
                throw new IllegalArgumentException("prefixPath must be a path starting with /: " + prefix);
            }
            if (prefix != null && prefix.endsWith("/")) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            Duration timeout = c.timeout() == null ? Duration.ofSeconds(30) : RoutesFile.duration(c.timeout(), "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            int attempts = c.attempts() == null ? 3 : c.attempts();
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("attempts must be 1 to 10");
            }
            Set<Integer> statuses = c.retryOnStatus() == null ? Set.of(502, 503, 504) : Set.copyOf(c.retryOnStatus());
            for (int st : statuses) {
                if (st < 500 || st > 599) {
                    throw new IllegalArgumentException("retryOnStatus may hold 5xx statuses only, not " + st);
                }
            }
            return new Settings(path, headers, rewrite, upper(c.methods()), strip, prefix, timeout, attempts,
                    c.retryMethods() == null ? IDEMPOTENT : upper(c.retryMethods()), statuses);
        }

        private static Set<String> upper(List<String> methods) {
            if (methods == null) {
                return Set.of();
            }
            return Set.copyOf(methods.stream().map(m -> m.trim().toUpperCase(Locale.ROOT)).toList());
        }
    }

    String id() {
        return id;
    }

    Upstream upstream() {
        return upstream;
    }

    /** The path pattern as configured: the route's {@code http.route} in traces. */
    String pattern() {
        return path.toString();
    }

    /**
     * True when this route takes a request with {@code method}, {@code hostHeader}, raw {@code path} and the
     * header values {@code headerValues} gives by name (the gateway passes lower-case names).
     */
    boolean matches(String method, String hostHeader, String path, Function<String, List<String>> headerValues) {
        return matchesIgnoringHeaders(method, hostHeader, path) && headers.matches(headerValues);
    }

    private boolean matchesIgnoringHeaders(String method, String hostHeader, String path) {
        if (!methods.isEmpty() && !methods.contains(method)) {
            return false;
        }
        if (host != null && !host.equals(hostOnly(hostHeader))) {
            return false;
        }
        return this.path.matches(path);
    }

    /**
     * The path to send upstream: the route's {@code rewrite} filled with the path's variables, or the path
     * with {@code stripPrefix} segments dropped and {@code prefixPath} put in front.
     */
    String rewrite(String path) {
        if (rewrite != null) {
            Map<String, String> vars = this.path.match(path);
            return rewrite.apply(vars == null ? Map.of() : vars);
        }
        String rest = path;
        for (int i = 0; i < stripPrefix; i++) {
            int next = rest.indexOf('/', 1);
            if (next < 0) {
                rest = "/";
                break;
            }
            rest = rest.substring(next);
        }
        if (prefixPath != null) {
            rest = rest.equals("/") ? prefixPath + "/" : prefixPath + rest;
        }
        return rest;
    }

    /** True when the route has an admission to pass (a rate limit or a JWT check), see {@link #admit}. */
    boolean admits() {
        return limit != null || auth != null;
    }

    /**
     * The route's admission: its rate limit (429), then its JWT check (401/403), except that a limit per
     * token subject comes after the check. Returns the verified claims (null without a JWT check).
     */
    io.kit4j.auth.jwt.Claims admit(String client, String authorization) {
        if (limit != null && !limit.bySubject()) {
            limit.admit(client, null); // before the signature check: refusing a flood is cheaper than verifying it
        }
        io.kit4j.auth.jwt.Claims claims = authenticate(authorization);
        if (limit != null && limit.bySubject()) {
            limit.admit(client, claims.subject());
        }
        return claims;
    }

    /** True when {@code method} may be retried once the upstream has seen it. */
    boolean retries(String method) {
        return retryMethods.contains(method);
    }

    Set<Integer> retryOnStatus() {
        return retryOnStatus;
    }

    /** Calls the upstream for {@code p}, retrying as the class comment says. */
    UpstreamResponse call(Context ctx, ProxyRequest p) throws Exception {
        RetryCallback callback = (attempt, error) -> {
            boolean again = attempt < attempts && p.resendable() && retryable(p, error);
            return again ? RetryCallback.Decision.retry() : RetryCallback.Decision.stop();
        };
        return Retry.retryWithCallback(timeout, upstream.balancer(), callback).call(ctx, p);
    }

    private static boolean retryable(ProxyRequest p, Exception error) {
        if (error instanceof CircuitBreakerException) {
            return true; // the breaker refused: nothing was sent
        }
        if (error instanceof UpstreamException u) {
            return u.connectFailed() || p.idempotent();
        }
        return error instanceof UpstreamStatusException && p.idempotent();
    }

    /** The admin view of this route. */
    Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("path", path.toString());
        out.put("methods", methods.isEmpty() ? List.of() : methods.stream().sorted().toList());
        if (host != null) {
            out.put("host", host);
        }
        if (!headers.isEmpty()) {
            out.put("headers", headers.view());
        }
        if (rewrite != null) {
            out.put("rewrite", rewrite.toString());
        }
        out.put("upstream", upstream.name());
        out.put("lb", Balancing.parse(config.lb()).configName());
        if (rewrite == null) {
            out.put("stripPrefix", stripPrefix);
        }
        if (prefixPath != null) {
            out.put("prefixPath", prefixPath);
        }
        out.put("timeoutMillis", timeout.toMillis());
        out.put("attempts", attempts);
        out.put("retryMethods", retryMethods.stream().sorted().toList());
        if (limit != null) {
            out.put("rateLimit", limit.view());
        }
        if (config.jwt() != null) {
            Map<String, Object> jwt = new LinkedHashMap<>();
            jwt.put("algorithm", config.jwt().algorithm());
            jwt.put("roles", config.jwt().roles() == null ? List.of() : config.jwt().roles());
            jwt.put("forwardClaims", config.jwt().forwardClaims() == null ? Map.of() : config.jwt().forwardClaims());
            out.put("jwt", jwt); // not the key material
        }
        return out;
    }

    private static String hostOnly(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
