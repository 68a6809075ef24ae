package io.kit4j.examples;

import io.kit4j.circuitbreaker.CircuitBreakers;
import io.kit4j.circuitbreaker.Settings;
import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.log.Logger;
import io.kit4j.log.Values;
import io.kit4j.examples.client.BalancedGetName;
import io.kit4j.sd.FixedInstancer;
import io.kit4j.examples.auth.Login;
import io.kit4j.transport.http.ClientEndpoint;
import io.kit4j.transport.http.JsonCodec;
import io.kit4j.transport.http.HttpServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The demo: starts three instances of the reference services on free ports, drives a scripted session
 * through kit4j's HTTP client against one of them (printing each request, its answer and the service's
 * log lines; it logs in with {@code POST /login} before writing, and sends the token from then on), then calls GetName through round robin + retry + a breaker per instance, stops one
 * instance mid-way and shows the client routing around it. Each step states what it expects; the demo
 * exits 1 if any answer differs, so it doubles as a smoke test.
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

    static final List<Step> SCRIPT = List.of(
            new Step("health check", "GET", "/health", null, 200),
            new Step("GetName for uid 101", "GET", "/user/101", null, 200),
            new Step("GetName for anyone else", "GET", "/user/7", null, 200),
            new Step("GetName needs a numeric uid", "GET", "/user/abc", null, 404),
            new Step("writing needs a token", "POST", "/users", "{\"name\":\"mallory\",\"email\":\"m@example.com\"}", 401),
            new Step("log in with a wrong password", "POST", "/login", "{\"username\":\"admin\",\"password\":\"guess\"}", 401),
            new Step("log in as viewer (reads only)", "POST", "/login", "{\"username\":\"viewer\",\"password\":\"kit4j-viewer\"}", 200),
            new Step("a viewer may not write", "POST", "/users", "{\"name\":\"vic\",\"email\":\"v@example.com\"}", 403),
            new Step("log in as admin; the token goes with every request from now on", "POST", "/login",
                    "{\"username\":\"admin\",\"password\":\"kit4j-admin\"}", 200),
            new Step("create alice", "POST", "/users", "{\"name\":\"alice\",\"email\":\"alice@example.com\",\"age\":30}", 201),
            new Step("create bob", "POST", "/users", "{\"name\":\"bob\",\"email\":\"bob@example.com\",\"age\":25}", 201),
            new Step("email must be unique", "POST", "/users", "{\"name\":\"eve\",\"email\":\"alice@example.com\"}", 409),
            new Step("name is required", "POST", "/users", "{\"email\":\"nobody@example.com\"}", 400),
            new Step("wrong type for age", "POST", "/users", "{\"name\":\"x\",\"email\":\"x@example.com\",\"age\":\"old\"}", 400),
            new Step("malformed JSON", "POST", "/users", "{\"name\":", 400),
            new Step("read alice", "GET", "/users/1", null, 200),
            new Step("partial update: only age", "PUT", "/users/1", "{\"age\":31}", 200),
            new Step("list, page 1", "GET", "/users?page=1&limit=10", null, 200),
            new Step("delete bob", "DELETE", "/users/2", null, 200),
            new Step("bob is gone", "GET", "/users/2", null, 404),
            new Step("id must be an integer", "GET", "/users/abc", null, 400),
            new Step("id out of range", "GET", "/users/99999999999999999999", null, 400),
            new Step("limit out of range", "GET", "/users?limit=1000", null, 400),
            new Step("wrong method", "DELETE", "/users", null, 405),
            new Step("unknown route", "GET", "/nowhere", null, 404));

    private final PrintStream out;
    /** The bearer token of the last successful {@code POST /login} of the script, sent with later requests. */
    private volatile String token;

    Demo(PrintStream out) {
        this.out = out;
    }

    int run() throws Exception {
        Logger serviceLog = Logger.logfmt(out).with("ts", Values.timestampUtc(), "caller", Values.caller(),
                "service", "userservice");
        List<HttpServer> instances = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                instances.add(UserServiceApp.start("127.0.0.1", 0, serviceLog.with("instance", i),
                        UserServiceApp.Middlewares.FULL));
            }
            out.println("kit4j demo: three instances of the user service and GetName on "
                    + instances.stream().map(s -> s.uri().toString()).toList());
            out.println();
            out.println("== 1. a scripted session against instance 1");
            out.println();
            int failures = script(rawClient(instances.get(0).uri(), () -> token));
            out.println("== 2. a client with round robin, retry, a breaker per instance and a fallback");
            out.println();
            failures += balanced(instances);
            out.println(failures == 0 ? "demo finished: every answer was as expected"
                    : "demo finished: " + failures + " answer(s) differed from what was expected");
            return failures == 0 ? 0 : 1;
        } finally {
            instances.forEach(HttpServer::stop);
        }
    }

    private int script(Endpoint<Call, Answer> client) throws Exception {
        int failures = 0;
        for (Step s : SCRIPT) {
            out.println("# " + s.say());
            out.println("-> " + s.method() + " " + s.path() + (s.body() == null ? "" : " " + s.body()));
            Answer a = client.call(Context.background().withTimeout(Duration.ofSeconds(5)),
                    new Call(s.method(), s.path(), s.body()));
            boolean ok = a.status() == s.expect();
            if (s.path().equals("/login") && a.status() == 200) {
                token = JsonCodec.defaults().read(a.body().getBytes(StandardCharsets.UTF_8), Login.Response.class)
                        .access_token();
            }
            failures += ok ? 0 : 1;
            out.println("<- " + a.status() + " " + a.body().strip() + (ok ? "" : "   (expected " + s.expect() + ")"));
            out.println();
        }
        return failures;
    }

    private int balanced(List<HttpServer> instances) throws Exception {
        List<String> addrs = instances.stream().map(s -> "127.0.0.1:" + s.port()).toList();
        CircuitBreakers breakers = new CircuitBreakers(io.kit4j.time.Clock.system(),
                Settings.builder().timeout(Duration.ofSeconds(10)).requestVolumeThreshold(2).sleepWindow(Duration.ofMinutes(1)).build());
        int failures = 0;
        try (BalancedGetName client = new BalancedGetName(new FixedInstancer(addrs),
                BalancedGetName.Strategy.ROUND_ROBIN, 3, Duration.ofSeconds(2), breakers, Logger.nop())) {
            for (int round = 1; round <= 2; round++) {
                if (round == 2) {
                    out.println("# stopping instance 2 (" + addrs.get(1) + "); the client keeps the same instance list");
                    instances.get(1).stop();
                }
                for (int i = 0; i < 6; i++) {
                    BalancedGetName.Answer a = client.call(Context.background(), 101);
                    boolean ok = "shenyi".equals(a.result()) && !a.degraded()
                            && !(round == 2 && a.instance().equals(addrs.get(1)));
                    failures += ok ? 0 : 1;
                    out.println("GetName(101) -> " + a.result() + "  answered by " + a.instance() + (ok ? "" : "   (unexpected)"));
                }
                out.println();
            }
            for (String addr : addrs) {
                out.println("breaker " + client.instanceBreakers().nameOf(addr) + ": "
                        + client.instanceBreakers().breaker(addr).state());
            }
            out.println();
        }
        return failures;
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
