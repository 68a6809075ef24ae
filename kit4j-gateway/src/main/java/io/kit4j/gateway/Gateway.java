package io.kit4j.gateway;

import io.kit4j.circuitbreaker.CircuitBreakerException;
import io.kit4j.circuitbreaker.CircuitBreakers;
import io.kit4j.circuitbreaker.Isolation;
import io.kit4j.circuitbreaker.Settings;
import io.kit4j.context.Context;
import io.kit4j.context.DeadlineExceededException;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.ErrorInfo;
import io.kit4j.errors.KitError;
import io.kit4j.log.Logger;
import io.kit4j.metrics.Counter;
import io.kit4j.metrics.Histogram;
import io.kit4j.sd.DiscoveryException;
import io.kit4j.sd.FixedInstancer;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.Registry;
import io.kit4j.sd.lb.NoEndpointsException;
import io.kit4j.sd.lb.RetryError;
import io.kit4j.time.Clock;
import io.kit4j.tracing.Tracing;
import io.kit4j.transport.http.Handler;
import io.kit4j.transport.http.JsonCodec;
import io.kit4j.transport.http.JsonErrorEncoder;
import io.kit4j.transport.http.ServerRequest;
import io.kit4j.transport.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * An API gateway as a kit4j-http {@link Handler}: mount it on an {@link io.kit4j.transport.http.HttpServer}
 * (whose body, header and idle limits then apply to the gateway's clients; with {@code h2c(true)} it
 * also passes gRPC calls through, see below).
 *
 * <pre>{@code
 * Gateway gateway = Gateway.builder().registry(registry).routes(RoutesFile.load(path)).build();
 * HttpServer server = HttpServer.builder().port(8000).maxRequestBodyBytes(100 << 20).handler(gateway).build().start();
 * }</pre>
 *
 * <p>Each request goes to the first {@link RouteConfig route} that matches its path, method and host
 * (none: 404). The route's upstream instance is picked by its balancer behind a breaker per instance,
 * with retry (see {@link Route}). The request is relayed without its hop-by-hop headers and with
 * {@code X-Forwarded-For/-Proto/-Host} set (see {@link ForwardedHeaders}); its body streams to the upstream
 * as it arrives and the answer's body streams back as it arrives, so neither is held in memory. Failures
 * are JSON errors: 502 when no upstream instance answered, 503 when none is available (none known, every
 * breaker open), 504 when the route's timeout passed before an answer.
 *
 * <p>gRPC: a request that arrives over HTTP/2 with a gRPC content type ({@link GrpcCalls}) is routed by
 * its path ({@code /package.Service/Method}) like any other, and sent to the instance over h2c by a
 * second, multiplexing HTTP client; both bodies stream message by message, the upstream's trailers come
 * back as trailers ({@link GrpcRelay}), {@code grpc-timeout} bounds the route's wait, and the gateway's
 * own failures are gRPC statuses ({@link GrpcStatus}). Such calls are retried only when nothing was sent.
 *
 * <p>Reserved paths, answered by the gateway itself: {@code GET /gateway/routes} (routes, upstream
 * instances and breaker states, the last reload error), {@code /health}, and {@code /metrics} when a
 * metrics handler is given. {@link #apply} swaps the routes at run time; upstreams that stay are kept.
 * With a {@code discovery} section in the config, every service of the registry's catalog gets a route
 * after the config's own, made and removed as services come and go ({@link DiscoveryConfig}).
 *
 * <p>With {@link Builder#tracing}, each routed request is a SERVER span and each upstream attempt a CLIENT
 * span under it, retries being siblings; the upstream gets the gateway's trace headers.
 */
public final class Gateway implements Handler, AutoCloseable {
    /** The admin view's path. */
    public static final String ROUTES_PATH = "/gateway/routes";

    private final Registry registry;
    private final HttpClient client; // null: the blocking HTTP/1.1 path (Http1Pool)
    private final CircuitBreakers breakers;
    private final GatewayMetrics metrics;
    private final Handler metricsHandler;
    private final Logger logger;
    private final Clock clock;
    private final H2cClient h2c = new H2cClient();
    private final GatewayTracing tracing;
    private final Handler traced;
    private final Object applyLock = new Object();
    private volatile Table table = new Table(List.of(), TrustedProxies.none(), Map.of(), Map.of(), null, Set.of());
    private GatewayConfig fileConfig; // the last config applied, under applyLock
    private DiscoverySettings discovery; // its discovery section, under applyLock; null when off
    private DiscoveredRoutes discovered; // the registry's service names, under applyLock; null when off
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private final io.kit4j.metrics.Counter limitDegraded;
    private RedisStore redis; // guarded by applyLock
    /** The labelled series of each route and answered status (0: none), made once: a label lookup in a
     * metrics backend costs more than the observation. Bounded by the route ids configured and the statuses. */
    private final ConcurrentHashMap<RouteStatus, Counter> requestSeries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Histogram> durationSeries = new ConcurrentHashMap<>();

    private record RouteStatus(String route, int status) {
    }

    /** The routes in force and their upstreams by key; {@code generated}: the ids of the routes from the registry. */
    private record Table(List<Route> routes, TrustedProxies trusted, Map<String, Upstream> upstreams,
            Map<String, RouteLimit> limits, Instant loadedAt, Set<String> generated) {
    }

    private Gateway(Builder b) {
        this.registry = b.registry;
        this.client = b.client;
        this.breakers = b.breakers != null ? b.breakers : new CircuitBreakers(b.clock);
        this.metrics = b.metrics;
        this.metricsHandler = b.metricsHandler;
        this.logger = b.logger;
        this.clock = b.clock;
        this.limitDegraded = b.limitDegraded;
        this.tracing = b.tracing == null ? null : new GatewayTracing(b.tracing);
        this.traced = tracing == null ? null : tracing.wrap(this::forward);
    }

    /** A builder: no registry, no routes, an own HTTP client, metrics discarded. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes {@code client} a plain relay: no content decoding (bodies pass as they are, no Accept-Encoding
     * added), no cookie store (one client's cookies must never reach another's requests), no protocol
     * handlers (no redirects followed, no authentication or 100-continue handling), no Content-Type made up
     * for a body that came without one. Call it before the client starts (else: IllegalStateException).
     */
    public static void relayOnly(HttpClient client) {
        client.setHttpCookieStore(new org.eclipse.jetty.http.HttpCookieStore.Empty());
        client.setDefaultRequestContentType(null);
        client.setFollowRedirects(false);
        // Jetty's start installs its protocol handlers, and a content decoder for each compression on the
        // class path (which adds Accept-Encoding to every request) unless some are set: remove them once
        // the client has started, and again should it be restarted.
        client.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(org.eclipse.jetty.util.component.LifeCycle event) {
                client.getContentDecoderFactories().clear();
                client.getProtocolHandlers().clear();
            }
        });
    }

    /**
     * Replaces the routes with {@code config}. The whole config is checked first: on any error nothing
     * changes and an {@link IllegalArgumentException} says what is wrong (naming the route). Upstreams with
     * the same key as before are kept; the others are closed once no route uses them. With a
     * {@link GatewayConfig#discovery() discovery} section, a route per service of the registry's catalog
     * follows the file's routes and the catalog (see {@link DiscoveryConfig}).
     */
    public void apply(GatewayConfig config) {
        synchronized (applyLock) {
            DiscoverySettings settings = DiscoverySettings.of(config.discovery(), registry != null,
                    config.redis() == null ? null : RedisStore.Settings.of(config.redis()), clock);
            DiscoveredRoutes source = discovered;
            boolean opened = false;
            if (settings != null && source == null) {
                source = DiscoveredRoutes.start(registry, this::discoveredChanged, logger);
                opened = true;
            }
            try {
                install(config, settings, settings == null ? List.of() : source.names());
            } catch (RuntimeException e) {
                if (opened) {
                    source.close();
                }
                throw e;
            }
            if (settings == null && source != null) {
                source.close();
                source = null;
            }
            fileConfig = config;
            discovery = settings;
            discovered = source;
            lastError = null;
            lastErrorAt = null;
        }
    }

    /** Rebuilds the table with the file's routes and the routes of {@code source}'s new service names. */
    private void discoveredChanged(DiscoveredRoutes source) {
        synchronized (applyLock) {
            if (source == discovered && fileConfig != null) {
                install(fileConfig, discovery, source.names());
            }
        }
    }

    /** Swaps in the table of {@code config}'s routes followed by those {@code settings} makes of {@code services}. */
    private void install(GatewayConfig config, DiscoverySettings fromRegistry, List<String> services) {
        synchronized (applyLock) {
            List<RouteConfig> routeConfigs = new ArrayList<>(config.routes());
            Set<String> generated = new HashSet<>();
            if (fromRegistry != null) {
                Set<String> fileIds = new HashSet<>();
                config.routes().forEach(r -> fileIds.add(r.id()));
                for (RouteConfig r : fromRegistry.routes(services, fileIds, logger)) {
                    routeConfigs.add(r);
                    generated.add(r.id());
                }
            }
            TrustedProxies trusted = TrustedProxies.of(config.trustedProxies());
            RedisStore.Settings redisSettings = config.redis() == null ? null : RedisStore.Settings.of(config.redis());
            List<Route.Settings> settings = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            List<RouteLimit> newLimits = new ArrayList<>();
            List<RouteAuth> auths = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < routeConfigs.size(); i++) {
                RouteConfig c = routeConfigs.get(i);
                String where = "route " + (i + 1) + (c.id() != null ? " (" + c.id() + ")" : "");
                try {
                    if (c.id() == null || c.id().isBlank()) {
                        throw new IllegalArgumentException("id is required");
                    }
                    if (!ids.add(c.id())) {
                        throw new IllegalArgumentException("id is used twice");
                    }
                    if ((c.service() == null) == (c.instances() == null)) {
                        throw new IllegalArgumentException("give either service or instances");
                    }
                    if (c.service() != null && registry == null) {
                        throw new IllegalArgumentException("names service " + c.service()
                                + " but the gateway has no registry (use instances, or start it with a registry)");
                    }
                    if (c.instances() != null) {
                        for (String instance : c.instances()) {
                            checkInstance(instance);
                        }
                    }
                    settings.add(Route.Settings.of(c));
                    breakerSettings(c.breaker());
                    Balancing.parse(c.lb());
                    keys.add(keyOf(c));
                    newLimits.add(c.rateLimit() == null ? null
                            : RouteLimit.of(c.rateLimit(), c.id(), c.jwt() != null, redisSettings, clock));
                    auths.add(c.jwt() == null ? null : RouteAuth.of(c.jwt(), clock));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            }
            Table old = table;
            RedisStore store = redisSettings == null ? null : RedisStore.reuseOrOpen(redis, redisSettings);
            Map<String, Upstream> upstreams = new HashMap<>();
            Map<String, RouteLimit> limits = new HashMap<>();
            List<Route> routes = new ArrayList<>();
            for (int i = 0; i < routeConfigs.size(); i++) {
                RouteConfig c = routeConfigs.get(i);
                String key = keys.get(i);
                Upstream u = upstreams.get(key);
                if (u == null) {
                    u = old.upstreams.get(key);
                    if (u == null) {
                        u = newUpstream(c, key);
                    }
                    upstreams.put(key, u);
                }
                RouteLimit limit = null;
                if (c.rateLimit() != null) { // a route whose limit stays keeps its buckets
                    String limitKey = c.id() + "|" + c.rateLimit();
                    RouteLimit fresh = newLimits.get(i);
                    limit = fresh.shared() ? fresh.bind(store, logger, limitDegraded) : old.limits.getOrDefault(limitKey, fresh);
                    limits.put(limitKey, limit);
                }
                routes.add(new Route(c, settings.get(i), u, limit, auths.get(i)));
            }
            table = new Table(List.copyOf(routes), trusted, Map.copyOf(upstreams), Map.copyOf(limits), clock.now(),
                    Set.copyOf(generated));
            if (redis != null && redis != store) {
                redis.close(); // requests still on the old routes then decide by the failure policy
            }
            redis = store;
            for (Map.Entry<String, Upstream> e : old.upstreams.entrySet()) {
                if (!upstreams.containsKey(e.getKey())) {
                    e.getValue().close();
                }
            }
            logger.log("msg", "routes applied", "routes", routes.size(), "fromRegistry", generated.size(),
                    "upstreams", upstreams.size());
        }
    }

    /**
     * Records that a new config could not be applied (say, an invalid routes file): the admin view shows
     * {@code reason} until the next successful {@link #apply}.
     */
    public void rejected(String reason) {
        lastError = reason;
        lastErrorAt = clock.now();
    }

    /** The ids of the routes in force, in matching order. */
    public List<String> routeIds() {
        return table.routes.stream().map(Route::id).toList();
    }

    /** The reason the last config was rejected, or null when the last one was applied. */
    public String lastRejection() {
        return lastError;
    }

    @Override
    public void handle(Context ctx, ServerRequest req, ServerResponse resp) throws Exception {
        String path = req.path();
        if (path.equals(ROUTES_PATH)) {
            admin(req, resp);
            return;
        }
        if (path.equals("/health")) {
            resp.status(200).contentType(JsonErrorEncoder.JSON_UTF8).write("{\"status\":\"ok\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("/metrics") && metricsHandler != null) {
            metricsHandler.handle(ctx, req, resp);
            return;
        }
        if (traced != null) {
            traced.handle(ctx, req, resp);
            return;
        }
        forward(ctx, req, resp);
    }

    /** Routes and proxies a request that is not for the gateway itself. */
    private void forward(Context ctx, ServerRequest req, ServerResponse resp) throws Exception {
        String path = req.path();
        Table t = table;
        Route route = null;
        for (Route r : t.routes) {
            if (r.matches(req.method(), req.host(), path, req::headers)) {
                route = r;
                break;
            }
        }
        boolean grpc = GrpcCalls.isGrpc(req);
        if (route == null) {
            KitError e = KitError.notFound("no route matches " + req.method() + " " + path);
            if (grpc && GrpcStatus.answer(resp, e)) {
                return;
            }
            throw e;
        }
        if (tracing != null) {
            tracing.routed(ctx, route);
        }
        long start = clock.nanoTime();
        int status = 0;
        try {
            io.kit4j.auth.jwt.Claims claims = route.admits() // a route without limit or JWT check: nothing to look up
                    ? route.admit(clientOf(req, t.trusted), req.header("Authorization")) : null;
            status = proxy(ctx, route, t.trusted, claims, req, resp, grpc);
        } catch (Exception e) {
            Exception mapped = answerFor(e);
            status = ErrorInfo.of(mapped).status();
            if (!(mapped instanceof KitError k && k.status() < 500)
                    && !(mapped instanceof io.kit4j.ratelimit.redis.RedisUnavailableException)) { // logged once per outage
                logger.log("route", route.id(), "method", req.method(), "path", path, "err", describe(e));
            }
            if (grpc && GrpcStatus.answer(resp, mapped)) {
                return; // as gRPC answers: 200 and grpc-status (the metric keeps the HTTP meaning)
            }
            throw mapped;
        } finally {
            String id = route.id();
            Counter requests = requestSeries.get(new RouteStatus(id, status));
            if (requests == null) {
                requests = requestSeries.computeIfAbsent(new RouteStatus(id, status), k -> metrics.requests()
                        .with("route", k.route(), "code", k.status() == 0 ? "000" : Integer.toString(k.status())));
            }
            requests.add(1);
            durationSeries.computeIfAbsent(id, r -> metrics.duration().with("route", r))
                    .observe((clock.nanoTime() - start) / 1e9);
        }
    }

    /** The client's address: the peer's, or the first X-Forwarded-For entry when the peer is a trusted proxy. */
    private static String clientOf(ServerRequest req, TrustedProxies trusted) {
        String peer = org.eclipse.jetty.server.Request.getRemoteAddr(req.unwrap());
        if (trusted.contains(peer)) {
            String xff = req.header("X-Forwarded-For");
            if (xff != null) {
                String first = xff.split(",", 2)[0].trim();
                if (!first.isEmpty()) {
                    return first;
                }
            }
        }
        return peer;
    }

    private int proxy(Context ctx, Route route, TrustedProxies trusted, io.kit4j.auth.jwt.Claims claims,
            ServerRequest req, ServerResponse resp, boolean grpc) throws Exception {
        String method = req.method();
        long length = req.contentLength();
        // HTTP/2 has no Transfer-Encoding: a body of unknown length is one without Content-Length
        boolean hasBody = grpc || length > 0 || (length < 0 && (req.header("Transfer-Encoding") != null
                || req.isHttp2() && !method.equals("GET") && !method.equals("HEAD")));
        if (grpc) {
            java.time.Duration deadline = GrpcCalls.parseTimeout(req.header("grpc-timeout"));
            if (deadline != null) {
                ctx = ctx.withTimeout(deadline); // bounds the route's wait too
            }
        }
        RequestBody body = hasBody ? new RequestBody(req.body(), req.header("Content-Type"), length) : null;
        String query = req.rawQuery();
        String target = route.rewrite(req.path()) + (query != null ? "?" + query : "");
        HttpFields.Mutable headers = ForwardedHeaders.of(req, trusted);
        route.forwardClaims(claims, headers);
        // a gRPC call is retried only when nothing was sent (the rule for any non-idempotent request)
        ProxyRequest p = new ProxyRequest(method, target, headers, body, !grpc && route.retries(method),
                route.retryOnStatus(), grpc);
        UpstreamResponse up = null;
        try {
            try {
                up = route.call(ctx, p);
            } catch (RetryError e) {
                if (e.finalError() instanceof UpstreamStatusException s) {
                    up = s.response(); // the last answer, relayed as the upstream gave it
                } else {
                    throw e;
                }
            }
        } finally {
            p.releaseHeld(up);
        }
        try (UpstreamResponse r = up) {
            return grpc ? GrpcRelay.relay(r, resp) : relay(r, resp);
        }
    }

    /** Status, end-to-end headers and the streamed body of {@code up} to the client. */
    private static int relay(UpstreamResponse up, ServerResponse resp) throws IOException {
        resp.status(up.status());
        HttpFields headers = up.headers();
        Set<String> named = HopByHop.named(headers);
        for (HttpField f : headers) {
            if (HopByHop.isHopByHop(f, named)) {
                continue;
            }
            if (headers.getField(f.getName()) == f) { // the first of its name
                resp.header(f.getName(), f.getValue()); // replaces what the server set itself (Date)
            } else {
                resp.addHeader(f.getName(), f.getValue());
            }
        }
        InputStream in = up.body();
        OutputStream out = resp.body();
        if (in instanceof java.io.ByteArrayInputStream whole) { // collected by UpstreamListener: no read can fail
            whole.transferTo(out);
            return up.status();
        }
        byte[] buf = new byte[16 << 10];
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (IOException e) {
                throw new UpstreamException(up.instance(), false, e); // 502 if nothing went out yet
            }
            if (n < 0) {
                return up.status();
            }
            out.write(buf, 0, n);
        }
    }

    /** The error the client gets for {@code e}: 502, 503, 504, or a client error as it is. */
    static Exception answerFor(Exception e) {
        Throwable t = e instanceof RetryError r ? r.finalError() : e;
        if (t instanceof DeadlineExceededException) {
            return new KitError(ErrorCode.DEADLINE_EXCEEDED, "upstream did not answer in time", e);
        }
        if (t instanceof UpstreamException) {
            return new KitError(ErrorCode.BAD_GATEWAY, "no upstream instance answered", e);
        }
        if (t instanceof NoEndpointsException || t instanceof CircuitBreakerException || t instanceof DiscoveryException) {
            return new KitError(ErrorCode.UNAVAILABLE, "no upstream instance available", e);
        }
        if (t instanceof Exception ex && (t instanceof KitError || ErrorInfo.of(t).status() != 500)) {
            return ex;
        }
        return e;
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable c = e.getCause();
        for (int i = 0; c != null && i < 4; i++, c = c.getCause()) {
            b.append(": ").append(c.getClass().getSimpleName()).append(' ').append(c.getMessage());
        }
        return b.toString();
    }

    private void admin(ServerRequest req, ServerResponse resp) {
        if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
            throw new KitError(ErrorCode.METHOD_NOT_ALLOWED, "only GET is allowed on " + ROUTES_PATH,
                    Map.of("Allow", List.of("GET, HEAD")), null);
        }
        Table t = table;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("routes", t.routes.stream().map(r -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", r.id());
            v.put("source", t.generated.contains(r.id()) ? "registry" : "file");
            v.putAll(r.view());
            return v;
        }).toList());
        List<Upstream> ups = new ArrayList<>(t.upstreams.values());
        ups.sort((a, b) -> a.name().compareTo(b.name()));
        out.put("upstreams", ups.stream().map(Upstream::view).toList());
        out.put("trustedProxies", t.trusted.specs());
        out.put("loadedAt", t.loadedAt == null ? null : t.loadedAt.toString());
        String err = lastError;
        if (err != null) {
            out.put("lastReloadError", err);
            out.put("lastReloadErrorAt", String.valueOf(lastErrorAt));
        }
        resp.status(200).contentType(JsonErrorEncoder.JSON_UTF8).write(JsonCodec.defaults().write(out));
    }

    private Upstream newUpstream(RouteConfig c, String key) {
        boolean discovered = c.service() != null;
        String name = discovered ? c.service() : c.id();
        Instancer instancer = discovered ? registry.instancer(c.service()) : new FixedInstancer(c.instances());
        return new Upstream(name, key, discovered, instancer, Balancing.parse(c.lb()), breakerSettings(c.breaker()),
                breakers, client, h2c::get, metrics, tracing, logger);
    }

    private static String keyOf(RouteConfig c) {
        String target = c.service() != null ? "service=" + c.service() : "instances=" + c.id() + c.instances();
        return target + "|lb=" + Balancing.parse(c.lb()) + "|breaker=" + c.breaker();
    }

    /** The breaker of each instance: no own timeout (the route's bounds calls), on the caller's thread. */
    static Settings breakerSettings(RouteConfig.BreakerConfig b) {
        Settings.Builder s = Settings.builder().noTimeout().isolation(Isolation.SAME_THREAD)
                .maxConcurrentRequests(1024).requestVolumeThreshold(20).errorPercentThreshold(50)
                .sleepWindow(Duration.ofSeconds(5));
        if (b != null) {
            if (b.errorPercent() != null) {
                s.errorPercentThreshold(b.errorPercent());
            }
            if (b.volume() != null) {
                s.requestVolumeThreshold(b.volume());
            }
            if (b.sleepWindow() != null) {
                s.sleepWindow(RoutesFile.duration(b.sleepWindow(), "breaker.sleepWindow"));
            }
            if (b.maxConcurrent() != null) {
                s.maxConcurrentRequests(b.maxConcurrent());
            }
        }
        return s.build();
    }

    private static void checkInstance(String instance) {
        if (instance == null || instance.isBlank()) {
            throw new IllegalArgumentException("an instance is blank");
        }
        java.net.URI u;
        try {
            u = java.net.URI.create("http://" + instance);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("instance is not host:port: " + instance);
        }
        if (u.getHost() == null || u.getPort() < 1 || u.getRawPath() != null && !u.getRawPath().isEmpty()
                || u.getRawUserInfo() != null || u.getRawQuery() != null) {
            throw new IllegalArgumentException("instance is not host:port: " + instance);
        }
    }

    /** Closes every upstream (with its idle connections) and the h2c client; a given HTTP client is left running. */
    @Override
    public void close() {
        synchronized (applyLock) {
            if (discovered != null) {
                discovered.close();
                discovered = null;
            }
            Table t = table;
            table = new Table(List.of(), t.trusted, Map.of(), Map.of(), t.loadedAt, Set.of());
            t.upstreams.values().forEach(Upstream::close);
            if (redis != null) {
                redis.close();
                redis = null;
            }
        }
        h2c.close(logger);
    }

    /** Options of a {@link Gateway}. */
    public static final class Builder {
        private Registry registry;
        private HttpClient client;
        private CircuitBreakers breakers;
        private GatewayMetrics metrics = GatewayMetrics.discard();
        private Handler metricsHandler;
        private Logger logger = Logger.nop();
        private Clock clock = Clock.system();
        private GatewayConfig routes;
        private io.kit4j.metrics.Counter limitDegraded = io.kit4j.metrics.Discard.counter();
        private Tracing tracing;

        private Builder() {
        }

        /**
         * Traces what the gateway proxies: a SERVER span per routed request (continuing the caller's trace),
         * a CLIENT span per upstream attempt, the gateway's trace headers sent upstream in place of the
         * client's. Off by default, and then the gateway does no tracing work at all.
         */
        public Builder tracing(Tracing tracing) {
            this.tracing = Objects.requireNonNull(tracing, "tracing");
            return this;
        }

        /** Where routes naming a {@code service} find its instances; none by default. */
        public Builder registry(Registry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * A Jetty client for plain HTTP upstream calls instead of the gateway's own blocking HTTP/1.1
         * connections ({@link Http1Pool}: keep-alive sockets per instance, a 5 s connect timeout, I/O on the
         * request's virtual thread, which costs far less CPU per request). Pass a given client through
         * {@link Gateway#relayOnly} before it starts; the gateway does not stop it.
         */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The registry of the per-instance breakers (so they show on a dashboard); a new one by default. */
        public Builder breakers(CircuitBreakers breakers) {
            this.breakers = Objects.requireNonNull(breakers, "breakers");
            return this;
        }

        /** What the gateway measures; discarded by default. */
        public Builder metrics(GatewayMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** Serves {@code /metrics} (say, kit4j-prometheus's handler); none by default. */
        public Builder metricsHandler(Handler handler) {
            this.metricsHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Where route changes and upstream failures are logged; nowhere by default. */
        public Builder logger(Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /** The clock of durations and timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Counts, by {@code route}, the rate-limit decisions made without Redis (it did not answer; the
         * routes file's {@code redis.failOpen} decided); discarded by default.
         */
        public Builder rateLimitStoreFailures(io.kit4j.metrics.Counter counter) {
            this.limitDegraded = Objects.requireNonNull(counter, "counter");
            return this;
        }

        /** The initial routes; none by default (every request 404 until {@link Gateway#apply}). */
        public Builder routes(GatewayConfig routes) {
            this.routes = Objects.requireNonNull(routes, "routes");
            return this;
        }

        /** The gateway; an invalid initial config is an {@link IllegalArgumentException}. */
        public Gateway build() {
            Gateway g = new Gateway(this);
            if (routes != null) {
                try {
                    g.apply(routes);
                } catch (RuntimeException e) {
                    g.close();
                    throw e;
                }
            }
            return g;
        }
    }
}
