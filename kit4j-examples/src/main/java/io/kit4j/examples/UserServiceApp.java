package io.kit4j.examples;

import io.kit4j.auth.jwt.JwtHttp;
import io.kit4j.auth.jwt.JwtMiddleware;
import io.kit4j.auth.jwt.JwtVerifier;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.examples.auth.DemoAuth;
import io.kit4j.examples.auth.Login;
import io.kit4j.endpoint.NamedMiddleware;
import io.kit4j.examples.getname.Downstream;
import io.kit4j.examples.getname.GetName;
import io.kit4j.examples.getname.NameService;
import io.kit4j.examples.usersvc.InMemoryUserService;
import io.kit4j.examples.usersvc.UserEndpoints;
import io.kit4j.examples.usersvc.UserHttp;
import io.kit4j.log.Logger;
import io.kit4j.log.LoggingMiddleware;
import io.kit4j.metrics.InstrumentingMiddleware;
import io.kit4j.metrics.prometheus.PrometheusMetrics;
import io.kit4j.ratelimit.Limiter;
import io.kit4j.ratelimit.RateLimit;
import io.kit4j.tracing.TraceLogging;
import io.kit4j.tracing.Tracing;
import io.kit4j.transport.ErrorHandler;
import io.kit4j.transport.http.EndpointHandler;
import io.kit4j.transport.http.Handler;
import io.kit4j.transport.http.HttpMetricsFinalizer;
import io.kit4j.transport.http.HttpServer;
import io.kit4j.transport.http.JsonCodec;
import io.kit4j.transport.http.Router;
import io.kit4j.time.Clock;
import java.util.Map;

/**
 * One instance of the reference services: the user service (CRUD and paging) and GetName on one port,
 * with {@code GET /health}, {@code GET /metrics} (Prometheus) and the token API {@code POST /login};
 * writes to users need an admin's bearer token (see {@link DemoAuth}). {@code bin/kit4j usersvc} runs it; the
 * demo and the tests start it in-process.
 *
 * <p>With {@link Middlewares#FULL}, every endpoint passes a token-bucket limiter (one for the service,
 * 1e9/s, as the go-kit anchor's) and is logged and instrumented as in the reference service
 * ({@code requests_total} and the histogram {@code request_duration_seconds}, by {@code method} and
 * {@code error}), every HTTP request is recorded by route template and status
 * ({@code http_requests_total}, {@code http_request_duration_seconds}, {@code http_response_size_bytes}),
 * and JVM and process metrics are exposed. With {@link Middlewares#BARE}, {@code /metrics} is served but
 * nothing is recorded. {@link Middlewares#LOGGING} and {@link Middlewares#METRICS} are FULL's two halves
 * without the limiter, to measure each's cost. {@link UserServiceOptions} add tracing to the FULL profile (a SERVER span per request,
 * a span per endpoint call, trace ids in log lines) and a downstream name service for GetName.
 */
public final class UserServiceApp {
    /** Latency buckets in seconds, finer than Prometheus' defaults at the fast end: these calls are in-memory. */
    static final double[] LATENCY_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
        0.25, 0.5, 1, 2.5, 5, 10};
    /** Response size buckets in bytes: 64 B to 1 MiB, by fours. */
    static final double[] SIZE_BUCKETS = PrometheusMetrics.exponentialBuckets(64, 4, 8);

    private UserServiceApp() {
    }

    /** What to put around the endpoints. */
    public enum Middlewares {
        /** No middleware and no metrics recorded: the benchmark's baseline. */
        BARE(false, false, false),
        /** Only FULL's logging: the reference's log line of every call, and failures logged. */
        LOGGING(true, false, false),
        /** Only FULL's metrics: the endpoint, HTTP and JVM metrics. */
        METRICS(false, true, false),
        /** Rate limiting, logging and metrics of every call (the reference's middlewares), HTTP and JVM metrics. */
        FULL(true, true, true);

        private final boolean logs;
        private final boolean measures;
        private final boolean limits;

        Middlewares(boolean logs, boolean measures, boolean limits) {
            this.logs = logs;
            this.measures = measures;
            this.limits = limits;
        }

        /** Whether every call is logged (and failures are). */
        public boolean logs() {
            return logs;
        }

        /** Whether the endpoint, HTTP and JVM metrics are recorded. */
        public boolean measures() {
            return measures;
        }

        /** Whether every call passes the service's token bucket. */
        public boolean limits() {
            return limits;
        }
    }

    /** The router serving both services, with metrics in a registry of its own. */
    public static Router router(Logger logger, Middlewares mw) {
        return router(logger, mw, PrometheusMetrics.create());
    }

    /**
     * The router serving both services and {@code GET /metrics} from {@code metrics}; {@code logger}
     * receives the middleware and error logs. With {@link Middlewares#FULL} it registers the endpoint
     * and JVM metrics in {@code metrics}, so give each router a registry of its own.
     */
    public static Router router(Logger logger, Middlewares mw, PrometheusMetrics metrics) {
        return router(logger, mw, metrics, UserServiceOptions.NONE);
    }

    /**
     * The router as above, with {@code options}: with {@link Middlewares#FULL} and a tracing, every endpoint
     * call is a span (outermost middleware) and log lines carry {@code trace_id} and {@code span_id}; with
     * {@code namesFrom}, GetName is answered by that downstream instance over HTTP.
     */
    public static Router router(Logger logger, Middlewares mw, PrometheusMetrics metrics, UserServiceOptions options) {
        return router(endpoints(logger, mw, metrics, options), metrics);
    }

    /** {@link #endpoints(Logger, Middlewares, PrometheusMetrics, UserServiceOptions)} without options. */
    public static ServiceEndpoints endpoints(Logger logger, Middlewares mw, PrometheusMetrics metrics) {
        return endpoints(logger, mw, metrics, UserServiceOptions.NONE);
    }

    /**
     * The endpoints of both services over one new in-memory user service, wrapped in the middlewares of
     * {@code mw} (and {@code options}' tracing and downstream); with {@link Middlewares#FULL} the endpoint
     * and JVM metrics are registered in {@code metrics}, so call this once per registry and share the
     * result between transports.
     */
    public static ServiceEndpoints endpoints(Logger base, Middlewares mw, PrometheusMetrics metrics,
            UserServiceOptions options) {
        Tracing tracing = mw == Middlewares.FULL ? options.tracing() : null;
        Logger logger = tracing == null ? base : TraceLogging.with(base);
        ErrorHandler errors = mw.logs() ? ErrorHandler.logging(logger.with("event", "error")) : ErrorHandler.nop();
        NamedMiddleware logging = NamedMiddleware.identity();
        NamedMiddleware instrumenting = NamedMiddleware.identity();
        NamedMiddleware limiting = NamedMiddleware.identity();
        if (mw.limits()) {
            // One token bucket for the whole service, as the go-kit anchor's: 1e9/s with a burst of 1e9,
            // so it never refuses here and measures the check's cost; lower it to protect the service.
            Limiter limiter = Limiter.of(1e9, 1_000_000_000);
            limiting = new NamedMiddleware() {
                @Override
                public <Q, R> Endpoint<Q, R> apply(String name, Endpoint<Q, R> next) {
                    return RateLimit.<Q, R>erroring(limiter).apply(next);
                }
            };
        }
        if (mw.logs()) {
            logging = new NamedMiddleware() {
                @Override
                public <Q, R> Endpoint<Q, R> apply(String name, Endpoint<Q, R> next) {
                    return LoggingMiddleware.<Q, R>of(logger, name).apply(next);
                }
            };
        }
        if (mw.measures()) {
            instrumenting = InstrumentingMiddleware.named(
                    metrics.counter("requests_total", "Requests received, by method and error.", "method", "error"),
                    metrics.histogram("request_duration_seconds", "Request duration in seconds, by method and error.",
                            LATENCY_BUCKETS, "method", "error"));
            metrics.registerJvmMetrics();
        }
        NamedMiddleware traced = tracing == null ? NamedMiddleware.identity() : tracing.middleware();
        UserEndpoints users = UserEndpoints.of(options.store() != null ? options.store() : new InMemoryUserService(),
                traced.around(instrumenting.around(logging).around(limiting)));
        Endpoint<GetName.Request, GetName.Response> getName = options.namesFrom() == null
                ? GetName.endpoint(NameService.reference()) : Downstream.getName(options.namesFrom(), tracing);
        getName = limiting.apply("GetName", getName);
        if (mw.logs()) {
            getName = getName.with(GetName.logging(logger));
        }
        return new ServiceEndpoints(users, traced.around(instrumenting).apply("GetName", getName), errors, logger);
    }

    /** {@link #router(ServiceEndpoints, PrometheusMetrics, DemoAuth)} with the token setup of the environment. */
    public static Router router(ServiceEndpoints e, PrometheusMetrics metrics) {
        return router(e, metrics, DemoAuth.fromEnvironment());
    }

    /**
     * The router serving {@code e}, {@code GET /health} and {@code GET /metrics} from {@code metrics}, with
     * the token setup {@code auth}: {@code POST /login} issues tokens, and creating, updating and deleting
     * users needs a valid bearer token (401 otherwise) of a caller with role {@code admin} (403 otherwise).
     * Reads stay open.
     */
    public static Router router(ServiceEndpoints e, PrometheusMetrics metrics, DemoAuth auth) {
        if (auth.usesDemoSecret()) {
            e.logger().log("level", "warn", "msg", "using the public demo JWT secret; set KIT4J_JWT_SECRET_FILE for real use");
        }
        Router router = new Router();
        UserHttp.routes(router, protectWrites(e.users(), auth), e.errors(), JwtHttp.httpToContext());
        Login.routes(router, auth, Clock.system(), e.errors());
        GetName.routes(router, e.getName(), e.errors());
        router.get("/health", EndpointHandler.of((ctx, q) -> Map.of("status", "OK"), (ctx, r) -> null,
                JsonCodec.defaults().encoder()));
        router.get("/metrics", metrics.handler());
        return router;
    }

    /**
     * {@code users} with create, update and delete behind the JWT parser (401) and the {@code admin} role
     * check (403); the transport's before-hook puts the bearer token into the context.
     */
    public static UserEndpoints protectWrites(UserEndpoints users, DemoAuth auth) {
        JwtVerifier verifier = auth.verifier(Clock.system());
        return new UserEndpoints(adminOnly(users.create(), verifier), users.get(), adminOnly(users.update(), verifier),
                adminOnly(users.delete(), verifier), users.list());
    }

    /** {@code e} behind the JWT parser (401) and the {@code admin} role check (403). */
    private static <Q, R> Endpoint<Q, R> adminOnly(Endpoint<Q, R> e, JwtVerifier verifier) {
        return e.with(JwtMiddleware.<Q, R>requireRole("admin")).with(JwtMiddleware.parser(verifier));
    }

    /**
     * The server-wide finalizer recording every HTTP request in {@code metrics}: {@code http_requests_total},
     * {@code http_request_duration_seconds} and {@code http_response_size_bytes} by method, route template
     * and status.
     */
    public static HttpMetricsFinalizer httpMetrics(PrometheusMetrics metrics) {
        return HttpMetricsFinalizer.builder()
                .requests(metrics.counter("http_requests_total", "HTTP requests, by method, route and status.",
                        "method", "route", "status"))
                .duration(metrics.histogram("http_request_duration_seconds",
                        "HTTP request duration in seconds, by method, route and status.", LATENCY_BUCKETS,
                        "method", "route", "status"))
                .responseSize(metrics.histogram("http_response_size_bytes",
                        "HTTP response body size in bytes, by method, route and status.", SIZE_BUCKETS,
                        "method", "route", "status"))
                .build();
    }

    /** Starts an instance on {@code host:port} (port 0 picks a free one) with metrics in a registry of its own. */
    public static HttpServer start(String host, int port, Logger logger, Middlewares mw) {
        return start(host, port, logger, mw, PrometheusMetrics.create());
    }

    /** Starts an instance on {@code host:port} whose metrics go to {@code metrics}. */
    public static HttpServer start(String host, int port, Logger logger, Middlewares mw, PrometheusMetrics metrics) {
        return start(host, port, logger, mw, metrics, UserServiceOptions.NONE);
    }

    /**
     * Starts an instance with {@code options}; with {@link Middlewares#FULL} and a tracing, every HTTP request
     * is a SERVER span continuing the caller's trace (W3C or B3 headers).
     */
    public static HttpServer start(String host, int port, Logger logger, Middlewares mw, PrometheusMetrics metrics,
            UserServiceOptions options) {
        return start(host, port, endpoints(logger, mw, metrics, options), mw, metrics, options.tracing());
    }

    /**
     * Starts an HTTP server on {@code host:port} serving {@code e}, whose metrics go to {@code metrics}; with
     * {@link Middlewares#FULL} and a {@code tracing} (may be null), every request is a SERVER span.
     */
    public static HttpServer start(String host, int port, ServiceEndpoints e, Middlewares mw, PrometheusMetrics metrics,
            Tracing tracing) {
        Router router = router(e, metrics);
        Handler handler = mw == Middlewares.FULL && tracing != null ? tracing.httpServer().wrap(router) : router;
        HttpServer.Builder b = HttpServer.builder().host(host).port(port).handler(handler);
        if (mw.measures()) {
            b.finalizer(httpMetrics(metrics));
        }
        return b.build().start();
    }
}
