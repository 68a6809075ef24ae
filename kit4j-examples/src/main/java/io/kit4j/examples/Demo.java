package io.kit4j.examples;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.log.Logger;
import io.kit4j.log.Values;
import io.kit4j.transport.http.ClientEndpoint;
import io.kit4j.transport.http.HttpServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The demo: starts an instance of the reference services on a free port and drives a scripted session
 * through kit4j's HTTP client, printing each request, its answer and the service's log lines. Each step
 * states the status it expects; the demo exits 1 if any answer differs, so it doubles as a smoke test.
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

    Demo(PrintStream out) {
        this.out = out;
    }

    int run() throws Exception {
        Logger serviceLog = Logger.logfmt(out).with("ts", Values.timestampUtc(), "caller", Values.caller(),
                "service", "userservice");
        try (HttpServer server = UserServiceApp.start("127.0.0.1", 0, serviceLog, UserServiceApp.Middlewares.FULL)) {
            out.println("kit4j demo: user service and GetName listening on " + server.uri());
            out.println();
            Endpoint<Call, Answer> client = rawClient(server.uri());
            int failures = 0;
            for (Step s : SCRIPT) {
                out.println("# " + s.say());
                out.println("-> " + s.method() + " " + s.path() + (s.body() == null ? "" : " " + s.body()));
                Answer a = client.call(Context.background().withTimeout(Duration.ofSeconds(5)),
                        new Call(s.method(), s.path(), s.body()));
                boolean ok = a.status() == s.expect();
                failures += ok ? 0 : 1;
                out.println("<- " + a.status() + " " + a.body().strip() + (ok ? "" : "   (expected " + s.expect() + ")"));
                out.println();
            }
            out.println(failures == 0 ? "demo finished: every answer was as expected"
                    : "demo finished: " + failures + " answer(s) differed from what was expected");
            return failures == 0 ? 0 : 1;
        }
    }

    /** A client endpoint for any method and path, answering the raw status and body. */
    static Endpoint<Call, Answer> rawClient(URI base) {
        return ClientEndpoint.<Call, Answer>builder("GET", base,
                (ctx, req, call) -> {
                    req.method(call.method()).path(call.path());
                    if (call.body() != null) {
                        req.body(call.body().getBytes(StandardCharsets.UTF_8), "application/json");
                    }
                },
                (ctx, resp) -> new Answer(resp.status(), new String(resp.bodyBytes(), StandardCharsets.UTF_8)))
                .build();
    }
}
