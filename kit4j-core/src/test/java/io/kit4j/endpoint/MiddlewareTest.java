package io.kit4j.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kit4j.context.Context;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiddlewareTest {

    static Middleware<String, String> tag(String name, List<String> trace) {
        return next -> (ctx, req) -> {
            trace.add(name + ">");
            String r = next.call(ctx, req + name);
            trace.add("<" + name);
            return r + name;
        };
    }

    @Test
    void chainPutsTheFirstOutermost() throws Exception {
        List<String> trace = new ArrayList<>();
        Endpoint<String, String> e = (ctx, req) -> {
            trace.add("endpoint(" + req + ")");
            return "r";
        };
        Endpoint<String, String> chained = Middleware.chain(tag("a", trace), tag("b", trace), tag("c", trace)).apply(e);
        assertEquals("rcba", chained.call(Context.background(), "q"));
        assertEquals(List.of("a>", "b>", "c>", "endpoint(qabc)", "<c", "<b", "<a"), trace);
    }

    @Test
    void chainOfOneAndIdentity() throws Exception {
        List<String> trace = new ArrayList<>();
        Endpoint<String, String> e = (ctx, req) -> req;
        assertEquals("qaa", Middleware.chain(tag("a", trace)).apply(e).call(Context.background(), "q"));
        assertEquals("q", Middleware.<String, String>identity().apply(e).call(Context.background(), "q"));
        assertEquals("qaa", e.with(tag("a", trace)).call(Context.background(), "q"));
    }

    @Test
    void nopAnswersNull() throws Exception {
        assertNull(Endpoint.nop().call(Context.background(), "x"));
    }

    @Test
    void namedMiddlewareSeesNamesAndComposesOutermostFirst() throws Exception {
        List<String> trace = new ArrayList<>();
        NamedMiddleware outer = new NamedMiddleware() {
            @Override
            public <Q, R> Endpoint<Q, R> apply(String name, Endpoint<Q, R> next) {
                return (ctx, req) -> {
                    trace.add("outer:" + name);
                    return next.call(ctx, req);
                };
            }
        };
        NamedMiddleware inner = new NamedMiddleware() {
            @Override
            public <Q, R> Endpoint<Q, R> apply(String name, Endpoint<Q, R> next) {
                return (ctx, req) -> {
                    trace.add("inner:" + name);
                    return next.call(ctx, req);
                };
            }
        };
        Endpoint<Integer, Integer> e = outer.around(inner).apply("Double", (ctx, x) -> x * 2);
        assertEquals(42, e.call(Context.background(), 21));
        assertEquals(List.of("outer:Double", "inner:Double"), trace);
        assertEquals(5, NamedMiddleware.identity().<Integer, Integer>apply("x", (ctx, x) -> x).call(Context.background(), 5));
    }
}
