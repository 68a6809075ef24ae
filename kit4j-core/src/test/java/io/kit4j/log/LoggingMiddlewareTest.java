package io.kit4j.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.endpoint.Failer;
import io.kit4j.errors.KitError;
import io.kit4j.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoggingMiddlewareTest {
    record Answer(String value, Throwable failed) implements Failer {
    }

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ManualClock clock = new ManualClock();
    final Logger logger = Logger.logfmt(out);

    String lines() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void logsMethodDurationAndNoErrorOnSuccess() throws Exception {
        Endpoint<String, String> e = LoggingMiddleware.<String, String>of(logger, "Echo", clock).apply((ctx, req) -> {
            clock.advance(Duration.ofNanos(1_250_000));
            return req;
        });
        assertEquals("hi", e.call(Context.background(), "hi"));
        assertEquals("method=Echo took=1.25ms err=null\n", lines());
    }

    @Test
    void logsThrownErrorsAndRethrowsThem() {
        Endpoint<String, String> e = LoggingMiddleware.<String, String>of(logger, "Get", clock).apply((ctx, req) -> {
            clock.advance(Duration.ofMillis(2));
            throw KitError.notFound("user 7 not found");
        });
        assertThrows(KitError.class, () -> e.call(Context.background(), "x"));
        assertEquals("method=Get took=2ms err=\"user 7 not found\"\n", lines());
    }

    @Test
    void logsBusinessErrorsCarriedByFailers() throws Exception {
        Endpoint<String, Answer> e = LoggingMiddleware.<String, Answer>of(logger, "Check", clock)
                .apply((ctx, req) -> new Answer(null, new IllegalArgumentException("bad input")));
        assertEquals("bad input", e.call(Context.background(), "x").failed().getMessage());
        assertEquals("method=Check took=0s err=\"bad input\"\n", lines());
    }
}
