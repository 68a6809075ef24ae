package io.kit4j.circuitbreaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.Failer;
import io.kit4j.errors.KitError;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The endpoint middleware (go-kit's circuitbreaker.Hystrix) and per-instance breakers. */
class MiddlewareTest {
    record Reply(String name, Throwable failed) implements Failer {
    }

    @Test
    void errorsAreCountedAndPassedOnAndAnOpenBreakerAnswersWithHystrixsError() throws Exception {
        Fixture f = new Fixture();
        IOException down = new IOException("connection refused");
        Endpoint<Long, String> e = ((Endpoint<Long, String>) (ctx, id) -> {
            throw down;
        }).with(f.registry.middleware("getuser"));
        for (int i = 0; i < 20; i++) {
            assertSame(down, assertThrows(IOException.class, () -> e.call(f.ctx, 1L)));
        }
        assertEquals(State.OPEN, f.registry.get("getuser").state());
        assertEquals("hystrix: circuit open", assertThrows(CircuitOpenException.class, () -> e.call(f.ctx, 1L)).getMessage());
    }

    @Test
    void aBusinessErrorInsideAFailerResponseIsASuccess() throws Exception {
        Fixture f = new Fixture();
        Endpoint<Long, Reply> e = ((Endpoint<Long, Reply>) (ctx, id) -> new Reply(null, KitError.notFound("user " + id)))
                .with(f.registry.get("getuser").middleware());
        for (int i = 0; i < 50; i++) {
            assertEquals("user 7", e.call(f.ctx, 7L).failed().getMessage());
        }
        Snapshot s = f.registry.get("getuser").snapshot();
        assertEquals(State.CLOSED, s.state());
        assertEquals(50, s.count(Event.SUCCESS));
        assertEquals(0, s.errors());
    }

    @Test
    void theFallbackGivesADegradedAnswerForTheRequest() throws Exception {
        Fixture f = new Fixture();
        AtomicInteger calls = new AtomicInteger();
        Endpoint<Long, String> e = ((Endpoint<Long, String>) (ctx, id) -> {
            calls.incrementAndGet();
            throw new IOException("down");
        }).with(f.registry.middleware("getname", (ctx, id, cause) -> "guest-" + id + " (" + cause.getMessage() + ")"));
        assertEquals("guest-101 (down)", e.call(f.ctx, 101L));
        f.times(19, () -> e.call(f.ctx, 1L));
        assertEquals("guest-5 (hystrix: circuit open)", e.call(f.ctx, 5L));
        assertEquals(20, calls.get());
    }

    @Test
    void perInstanceBreakersCutOffOnlyTheFailingInstance() throws Exception {
        Fixture f = new Fixture();
        InstanceBreakers perInstance = f.registry.forService("userservice");
        Function<String, Endpoint<Long, String>> factory = perInstance.factory(addr -> (ctx, id) -> {
            if (addr.endsWith(":8081")) {
                throw new IOException("instance down");
            }
            return addr + " answers " + id;
        });
        Endpoint<Long, String> bad = factory.apply("127.0.0.1:8081");
        Endpoint<Long, String> good = factory.apply("127.0.0.1:8082");
        for (int i = 0; i < 20; i++) {
            assertThrows(IOException.class, () -> bad.call(f.ctx, 1L));
            assertEquals("127.0.0.1:8082 answers 1", good.call(f.ctx, 1L));
        }
        CircuitBreaker badBreaker = perInstance.breaker("127.0.0.1:8081");
        assertEquals("userservice@127.0.0.1:8081", badBreaker.name());
        assertEquals("userservice", badBreaker.group());
        assertEquals(State.OPEN, badBreaker.state());
        assertEquals(State.CLOSED, perInstance.breaker("127.0.0.1:8082").state());
        assertThrows(CircuitOpenException.class, () -> bad.call(f.ctx, 1L));
        assertEquals(2, f.registry.all().size());
        assertTrue(perInstance.remove("127.0.0.1:8081"));
        assertEquals(1, f.registry.all().size());
    }
}
