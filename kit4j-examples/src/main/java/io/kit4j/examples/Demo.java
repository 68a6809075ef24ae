package io.kit4j.examples;

import io.kit4j.circuitbreaker.CircuitBreakers;
import io.kit4j.circuitbreaker.Settings;
import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.log.Logger;
import io.kit4j.log.Values;
import io.kit4j.examples.client.BalancedGetName;
import io.kit4j.examples.auth.Login;
import io.kit4j.examples.usersvc.InMemoryUserService;
import io.kit4j.examples.usersvc.UserService;
import io.kit4j.gateway.Gateway;
import io.kit4j.gateway.RoutesFile;
import io.kit4j.metrics.prometheus.PrometheusMetrics;
import io.kit4j.lifecycle.ServiceRunner;
import io.kit4j.sd.Event;
import io.kit4j.sd.HealthCheck;
import io.kit4j.sd.Instancer;
import io.kit4j.sd.Registries;
import io.kit4j.sd.Registry;
import io.kit4j.sd.ServiceInstance;
import io.kit4j.sd.zookeeper.EmbeddedZooKeeper;
import io.kit4j.transport.http.ClientEndpoint;
import io.kit4j.transport.http.JsonCodec;
import io.kit4j.transport.http.HttpServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The demo: starts a real ZooKeeper server inside this JVM (bound to 127.0.0.1), three instances of the
 * reference services on free ports that register themselves in it (sharing one in-memory store, as
 * instances behind one database would), and kit4j's API gateway in front of them, finding them in
 * ZooKeeper with the sample routes file ({@code kit4j-examples/gateway-routes.yaml}). A scripted session
 * goes through the gateway (printing each request, its answer and the services' log lines; it logs in with
 * {@code POST /api/login} before writing and sends the token from then on). Then a client that discovers
 * the instances through ZooKeeper calls GetName through round robin + retry + a breaker per instance, and
 * the gateway is called too: one instance stops cleanly (deregisters first; the registry, the client and
 * the gateway follow), another crashes (its port closes while its registration stays) and retry and the
 * breakers route around it. Each step states what it expects; the demo exits 1 if any answer differs,
 * so it doubles as a smoke test.
 */
final class Demo {
    /** One scripted request and the status it must get. */
    record Step(String say, String method, String path, String body, int expect) {
    }

    /** A raw exchange's answer. */
    record Answer(int status, String body) {
    }

    /** The request of a raw exchange. */
    record Call(String method, String path, String body) {
    }

    /** The session, sent through the gateway: its routes ({@link #ROUTES}) map {@code /api/...} to the service. */
    static final List<Step> SCRIPT = List.of(
            new Step("the gateway's own health check", "GET", "/health", null, 200),
            new Step("GetName for uid 101", "GET", "/api/user/101", null, 200),
            new Step("GetName for anyone else", "GET", "/api/user/7", null, 200),
            new Step("GetName needs a numeric uid (the service's 404, relayed)", "GET", "/api/user/abc", null, 404),
            new Step("writing needs a token", "POST", "/api/users", "{\"name\":\"mallory\",\"email\":\"m@example.com\"}", 401),
            new Step("log in with a wrong password", "POST", "/api/login", "{\"username\":\"admin\",\"password\":\"guess\"}", 401),
            new Step("log in as viewer (reads only)", "POST", "/api/login", "{\"username\":\"viewer\",\"password\":\"kit4j-viewer\"}", 200),
            new Step("a viewer may not write", "POST", "/api/users", "{\"name\":\"vic\",\"email\":\"v@example.com\"}", 403),
            new Step("log in as admin; the token goes with every request from now on", "POST", "/api/login",
                    "{\"username\":\"admin\",\"password\":\"kit4j-admin\"}", 200),
            new Step("create alice", "POST", "/api/users", "{\"name\":\"alice\",\"email\":\"alice@example.com\",\"age\":30}", 201),
            new Step("create bob", "POST", "/api/users", "{\"name\":\"bob\",\"email\":\"bob@example.com\",\"age\":25}", 201),
            new Step("email must be unique", "POST", "/api/users", "{\"name\":\"eve\",\"email\":\"alice@example.com\"}", 409),
            new Step("name is required", "POST", "/api/users", "{\"email\":\"nobody@example.com\"}", 400),
            new Step("wrong type for age", "POST", "/api/users", "{\"name\":\"x\",\"email\":\"x@example.com\",\"age\":\"old\"}", 400),
            new Step("malformed JSON", "POST", "/api/users", "{\"name\":", 400),
            new Step("read alice (any instance: they share one store)", "GET", "/api/users/1", null, 200),
            new Step("partial update: only age", "PUT", "/api/users/1", "{\"age\":31}", 200),
            new Step("list, page 1", "GET", "/api/users?page=1&limit=10", null, 200),
            new Step("delete bob", "DELETE", "/api/users/2", null, 200),
            new Step("bob is gone", "GET", "/api/users/2", null, 404),
            new Step("id must be an integer", "GET", "/api/users/abc", null, 400),
            new Step("id out of range", "GET", "/api/users/99999999999999999999", null, 400),
            new Step("limit out of range", "GET", "/api/users?limit=1000", null, 400),
            new Step("wrong method (the service's 405, relayed)", "DELETE", "/api/users", null, 405),
            new Step("no gateway route", "GET", "/nowhere", null, 404));

    /** The gateway's routes: the sample routes file of kit4j-examples, from the classpath. */
    static final String ROUTES = "gateway-routes.yaml";

    static final String SERVICE = "userservice";

    private final PrintStream out;
    /** The bearer token of the last successful {@code POST /login} of the script, sent with later requests. */
    private volatile String token;

    Demo(PrintStream out) {
        this.out = out;
    }

    int run() throws Exception {
        Logger serviceLog = Logger.logfmt(out).with("ts", Values.timestampUtc(), "caller", Values.caller(),
                "service", "userservice");
        List<HttpServer> servers = new ArrayList<>();
        List<ServiceRunner> runners = new ArrayList<>();
        try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start();
                Registry clientRegistry = Registries.open(zk.uri(), Logger.nop())) {
            out.println("kit4j demo: a ZooKeeper server in this JVM at " + zk.connectString());
            try {
                return run(zk, clientRegistry, serviceLog, servers, runners);
            } finally {
                runners.forEach(ServiceRunner::stop); // before the registry and ZooKeeper close
            }
        }
    }

    private int run(EmbeddedZooKeeper zk, Registry clientRegistry, Logger serviceLog, List<HttpServer> servers,
            List<ServiceRunner> runners) throws Exception {
        UserService store = new InMemoryUserService(); // one store behind the three instances, like a database
        for (int i = 1; i <= 3; i++) {
            Logger log = serviceLog.with("instance", i);
            HttpServer server = UserServiceApp.start("127.0.0.1", 0, log, UserServiceApp.Middlewares.FULL,
                    PrometheusMetrics.create(), UserServiceOptions.NONE.withStore(store));
            // each instance has its own registry connection, as separate processes would
            Registry own = Registries.open(zk.uri(), Logger.nop());
            ServiceRunner runner = ServiceRunner.create(Logger.nop()).deregisterGrace(Duration.ofMillis(300))
                    .closeOnStop("registry", own).closeOnStop("http", server);
            runner.register(own.registrar(ServiceInstance.of(SERVICE, "127.0.0.1", server.port())
                    .withHealthCheck(HealthCheck.http("/health"))));
            servers.add(server);
            runners.add(runner);
        }
        List<String> addrs = servers.stream().map(s -> "127.0.0.1:" + s.port()).toList();
        out.println("three instances of " + SERVICE + " registered themselves: " + addrs);
        Instancer instancer = clientRegistry.instancer(SERVICE);
        int failures = 0;
        failures += expectListed(instancer, addrs);
        String routes = new String(Demo.class.getResourceAsStream(ROUTES).readAllBytes(), StandardCharsets.UTF_8);
        try (Gateway gateway = Gateway.builder().registry(clientRegistry).routes(RoutesFile.parse(routes))
                .logger(serviceLog.with("service", "gateway")).build();
                HttpServer gatewayServer = HttpServer.builder().host("127.0.0.1").port(0).handler(gateway).build().start()) {
            URI gatewayUri = gatewayServer.uri();
            out.println("the API gateway listens at " + gatewayUri + " with the routes of " + ROUTES + " (" + String.join(", ", gateway.routeIds())
                    + "), finding " + SERVICE + " in ZooKeeper");
            out.println();
            out.println("== 1. a scripted session through the gateway (least outstanding requests over the three instances)");
            out.println();
            failures += script(rawClient(gatewayUri, () -> token));
            out.println("== 2. instances leave while clients call: a client discovering them in ZooKeeper (round robin,"
                    + " retry, a breaker per instance, a fallback) and the gateway (the same, on its side)");
            out.println();
            failures += balanced(instancer, servers, runners, addrs, rawClient(gatewayUri), gateway);
        }
        out.println(failures == 0 ? "demo finished: every answer was as expected"
                : "demo finished: " + failures + " answer(s) differed from what was expected");
        return failures == 0 ? 0 : 1;
    }

    /** Waits (up to 10 s) for the registry to list exactly {@code expected}; prints what it lists. */
    private int expectListed(Instancer instancer, List<String> expected) throws InterruptedException {
        Set<String> want = Set.copyOf(expected);
        AtomicReference<List<String>> seen = new AtomicReference<>(List.of());
        Consumer<Event> listener = e -> {
            if (e.error() == null) {
                seen.set(e.instances());
            }
        };
        instancer.register(listener);
        try {
            for (int i = 0; i < 1000 && !Set.copyOf(seen.get()).equals(want); i++) {
                Thread.sleep(10);
            }
        } finally {
            instancer.deregister(listener);
        }
        boolean ok = Set.copyOf(seen.get()).equals(want);
        out.println("ZooKeeper lists " + seen.get().size() + " instance(s): " + seen.get() + (ok ? "" : "   (expected " + expected + ")"));
        return ok ? 0 : 1;
    }

    private int script(Endpoint<Call, Answer> client) throws Exception {
        int failures = 0;
        for (Step s : SCRIPT) {
            out.println("# " + s.say());
            out.println("-> " + s.method() + " " + s.path() + (s.body() == null ? "" : " " + s.body()));
            Answer a = client.call(Context.background().withTimeout(Duration.ofSeconds(5)),
                    new Call(s.method(), s.path(), s.body()));
            boolean ok = a.status() == s.expect();
            if (s.path().endsWith("/login") && a.status() == 200) {
                token = JsonCodec.defaults().read(a.body().getBytes(StandardCharsets.UTF_8), Login.Response.class)
                        .access_token();
            }
            failures += ok ? 0 : 1;
            out.println("<- " + a.status() + " " + a.body().strip() + (ok ? "" : "   (expected " + s.expect() + ")"));
            out.println();
        }
        return failures;
    }

    private int balanced(Instancer instancer, List<HttpServer> servers, List<ServiceRunner> runners,
            List<String> addrs, Endpoint<Call, Answer> viaGateway, Gateway gateway) throws Exception {
        CircuitBreakers breakers = new CircuitBreakers(io.kit4j.time.Clock.system(),
                Settings.builder().timeout(Duration.ofSeconds(10)).requestVolumeThreshold(2).sleepWindow(Duration.ofMinutes(1)).build());
        int failures = 0;
        try (BalancedGetName client = new BalancedGetName(instancer,
                BalancedGetName.Strategy.ROUND_ROBIN, 3, Duration.ofSeconds(2), breakers, Logger.nop())) {
            for (int round = 1; round <= 3; round++) {
                if (round == 2) {
                    out.println("# instance 2 (" + addrs.get(1) + ") stops cleanly: it deregisters, serves "
                            + "300 ms more while clients see it leave, then closes");
                    runners.get(1).stop();
                    failures += expectListed(instancer, List.of(addrs.get(0), addrs.get(2)));
                } else if (round == 3) {
                    out.println("# instance 3 (" + addrs.get(2) + ") crashes: its port closes, its registration"
                            + " stays until its ZooKeeper session ends");
                    servers.get(2).stop();
                    failures += expectListed(instancer, List.of(addrs.get(0), addrs.get(2)));
                }
                for (int i = 0; i < 6; i++) {
                    BalancedGetName.Answer a = client.call(Context.background(), 101);
                    boolean ok = "shenyi".equals(a.result()) && !a.degraded()
                            && !(round >= 2 && a.instance().equals(addrs.get(1)))
                            && !(round == 3 && a.instance().equals(addrs.get(2)));
                    failures += ok ? 0 : 1;
                    out.println("GetName(101) -> " + a.result() + "  answered by " + a.instance() + (ok ? "" : "   (unexpected)"));
                }
                for (int i = 0; i < 3; i++) {
                    Answer a = viaGateway.call(Context.background().withTimeout(Duration.ofSeconds(10)),
                            new Call("GET", "/api/user/101", null));
                    boolean ok = a.status() == 200 && a.body().contains("shenyi");
                    failures += ok ? 0 : 1;
                    out.println("gateway GET /api/user/101 -> " + a.status() + " " + a.body().strip() + (ok ? "" : "   (unexpected)"));
                }
                out.println();
            }
            for (String addr : addrs) {
                out.println("breaker " + client.instanceBreakers().nameOf(addr) + ": "
                        + client.instanceBreakers().breaker(addr).state());
            }
            out.println();
            Answer view = viaGateway.call(Context.background(), new Call("GET", Gateway.ROUTES_PATH, null));
            out.println("the gateway's view (GET " + Gateway.ROUTES_PATH + "), upstream instances and their breakers: "
                    + upstreamsOf(view.body()));
            out.println();
        }
        return failures;
    }

    /** The {@code upstreams} part of the gateway's admin view, as JSON text. */
    private static String upstreamsOf(String view) throws java.io.IOException {
        Object upstreams = JsonCodec.defaults().read(view.getBytes(StandardCharsets.UTF_8), java.util.Map.class).get("upstreams");
        return new String(JsonCodec.defaults().write(upstreams), StandardCharsets.UTF_8);
    }

    /** A client endpoint for any method and path, answering the raw status and body. */
    static Endpoint<Call, Answer> rawClient(URI base) {
        return rawClient(base, () -> null);
    }

    /** Like {@link #rawClient(URI)}, sending {@code Authorization: Bearer} when {@code token} has one. */
    static Endpoint<Call, Answer> rawClient(URI base, Supplier<String> token) {
        return ClientEndpoint.<Call, Answer>builder("GET", base,
                (ctx, req, call) -> {
                    req.method(call.method()).path(call.path());
                    String t = token.get();
                    if (t != null) {
                        req.header("Authorization", "Bearer " + t);
                    }
                    if (call.body() != null) {
                        req.body(call.body().getBytes(StandardCharsets.UTF_8), "application/json");
                    }
                },
                (ctx, resp) -> new Answer(resp.status(), new String(resp.bodyBytes(), StandardCharsets.UTF_8)))
                .build();
    }
}
