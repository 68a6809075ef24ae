package io.kit4j.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kit4j.context.Cancellable;
import io.kit4j.context.Context;
import io.kit4j.context.ContextCanceledException;
import io.kit4j.endpoint.Endpoint;
import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.ErrorInfo;
import io.kit4j.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** go-kit's erroring and delaying limiters as kit4j middlewares: status, message, Retry-After. */
class RateLimitTest {
    private final ManualClock clock = new ManualClock();
    private final AtomicInteger calls = new AtomicInteger();
    private final Endpoint<String, String> echo = (ctx, req) -> {
        calls.incrementAndGet();
        return req;
    };

    @Test
    void erroringPassesUpToTheBurstThenAnswers429() throws Exception {
        Limiter lim = Limiter.of(Limit.every(Duration.ofSeconds(1)), 3, clock);
        Endpoint<String, String> e = echo.with(RateLimit.erroring(lim));
        Context ctx = Context.background(clock);
        for (int i = 0; i < 3; i++) {
            assertEquals("hi", e.call(ctx, "hi"));
        }
        RateLimitException err = assertThrows(RateLimitException.class, () -> e.call(ctx, "hi"));
        assertEquals(3, calls.get(), "the refused call never reached the endpoint");
        assertEquals("rate limit exceeded", err.getMessage());
        assertEquals(RateLimitException.LIMITED, err.getMessage());
        assertEquals(429, err.status());
        assertEquals(ErrorCode.RESOURCE_EXHAUSTED, err.code());
        assertEquals(Map.of("Retry-After", List.of("1")), err.headers());
        assertEquals(Optional.of(Duration.ofSeconds(1)), err.retryAfter());
        ErrorInfo info = ErrorInfo.of(err);
        assertEquals(429, info.status());
        assertEquals("rate limit exceeded", info.message());
        assertEquals(List.of("1"), info.headers().get("Retry-After"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("again", e.call(ctx, "again"));
    }

    @Test
    void retryAfterIsTheWaitInWholeSecondsRoundedUp() throws Exception {
        Limiter lim = Limiter.of(Limit.every(Duration.ofMillis(2500)), 1, clock);
        Endpoint<String, String> e = echo.with(RateLimit.erroring(lim));
        Context ctx = Context.background(clock);
        e.call(ctx, "x");
        assertEquals(List.of("3"), retryAfter(e, ctx));
        clock.advance(Duration.ofMillis(1200));
        assertEquals(List.of("2"), retryAfter(e, ctx));
        clock.advance(Duration.ofMillis(1299));
        assertEquals(List.of("1"), retryAfter(e, ctx), "1 ms left is still one second");
        clock.advance(Duration.ofMillis(1));
        assertEquals("x", e.call(ctx, "x"));
    }

    @Test
    void aRefusalChangesNothingInTheLimiter() throws Exception {
        Limiter lim = Limiter.of(Limit.of(3), 1, clock);
        Endpoint<String, String> e = echo.with(RateLimit.erroring(lim));
        Context ctx = Context.background(clock);
        e.call(ctx, "x");
        clock.advance(Duration.ofMillis(100));
        double before = lim.tokens();
        assertThrows(RateLimitException.class, () -> e.call(ctx, "x"));
        assertEquals(Double.doubleToRawLongBits(before), Double.doubleToRawLongBits(lim.tokens()));
    }

    @Test
    void noRetryAfterWhenTheWaitIsUnknownOrInfinite() {
        Context ctx = Context.background(clock);
        Endpoint<String, String> burstZero = echo.with(RateLimit.erroring(Limiter.of(Limit.of(10), 0, clock)));
        RateLimitException never = assertThrows(RateLimitException.class, () -> burstZero.call(ctx, "x"));
        assertEquals(Map.of(), never.headers());
        assertEquals(Optional.empty(), never.retryAfter());

        Limiter zero = Limiter.of(Limit.of(0), 1, clock);
        assertEquals(true, zero.allow());
        Endpoint<String, String> rateZero = echo.with(RateLimit.erroring(zero));
        assertEquals(Map.of(), assertThrows(RateLimitException.class, () -> rateZero.call(ctx, "x")).headers());

        Endpoint<String, String> custom = echo.with(RateLimit.erroring(() -> false));
        RateLimitException e = assertThrows(RateLimitException.class, () -> custom.call(ctx, "x"));
        assertEquals("rate limit exceeded", e.getMessage());
        assertEquals(Map.of(), e.headers());
        assertEquals(0, calls.get());
    }

    @Test
    void erroringAcceptsAnyAllower() throws Exception {
        AtomicInteger budget = new AtomicInteger(2);
        Endpoint<String, String> e = echo.with(RateLimit.erroring(() -> budget.getAndDecrement() > 0));
        Context ctx = Context.background(clock);
        e.call(ctx, "a");
        e.call(ctx, "b");
        assertThrows(RateLimitException.class, () -> e.call(ctx, "c"));
        assertEquals(2, calls.get());
    }

    @Test
    void delayingWaitsAndPassesItsFailuresThrough() throws Exception {
        Limiter lim = Limiter.of(Limit.every(Duration.ofHours(1)), 1, clock);
        Endpoint<String, String> e = echo.with(RateLimit.delaying(lim));
        assertEquals("a", e.call(Context.background(clock), "a"));

        Context tight = Context.background(clock).withTimeout(Duration.ofMinutes(1));
        RateLimitException late = assertThrows(RateLimitException.class, () -> e.call(tight, "b"));
        assertEquals("rate: Wait(n=1) would exceed context deadline", late.getMessage());

        Cancellable c = Context.background(clock).withCancel();
        c.cancel();
        assertThrows(ContextCanceledException.class, () -> e.call(c.context(), "c"));

        Endpoint<String, String> burstZero = echo.with(RateLimit.delaying(Limiter.of(Limit.of(10), 0, clock)));
        RateLimitException tooMany = assertThrows(RateLimitException.class,
                () -> burstZero.call(Context.background(clock), "d"));
        assertEquals("rate: Wait(n=1) exceeds limiter's burst 0", tooMany.getMessage());
        assertEquals(1, calls.get());
    }

    @Test
    void delayingAcceptsAnyWaiter() throws Exception {
        AtomicInteger waits = new AtomicInteger();
        Endpoint<String, String> e = echo.with(RateLimit.delaying(ctx -> waits.incrementAndGet()));
        assertEquals("a", e.call(Context.background(clock), "a"));
        assertEquals(1, waits.get());
    }

    private static List<String> retryAfter(Endpoint<String, String> e, Context ctx) {
        return assertThrows(RateLimitException.class, () -> e.call(ctx, "x")).headers().get("Retry-After");
    }
}
