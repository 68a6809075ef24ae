package io.kit4j.ratelimit;

import io.kit4j.context.Context;
import io.kit4j.endpoint.Middleware;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Rate-limiting endpoint middlewares: go-kit's {@code ratelimit} package, plus per-key forms.
 *
 * <pre>{@code
 * Limiter limiter = Limiter.of(Limit.every(Duration.ofSeconds(1)), 3);
 * Endpoint<Req, Res> limited = endpoint.with(RateLimit.erroring(limiter));   // 429 when over the limit
 * Endpoint<Req, Res> paced = endpoint.with(RateLimit.delaying(limiter));     // waits for its turn
 * }</pre>
 */
public final class RateLimit {
    private RateLimit() {
    }

    /**
     * go-kit's {@code NewErroringLimiter}: calls {@code next} if {@code limiter.allow()}, else throws a
     * {@link RateLimitException} with go-kit's message {@code "rate limit exceeded"} (status 429) without
     * calling {@code next}. When the allower is a {@link Limiter}, the refusal and the wait are computed in
     * the same atomic step (nothing is taken or given back) and the error carries a {@code Retry-After}
     * header: the time until enough tokens would be there, in whole seconds rounded up; none when they
     * never would be (burst 0, limit 0).
     */
    public static <Q, R> Middleware<Q, R> erroring(Allower limiter) {
        Objects.requireNonNull(limiter, "limiter");
        if (limiter instanceof Limiter lim) {
            return next -> (ctx, request) -> {
                long wait = lim.tryAllow(lim.now(), 1);
                if (wait != 0) {
                    throw RateLimitException.limited(wait);
                }
                return next.call(ctx, request);
            };
        }
        return next -> (ctx, request) -> {
            if (!limiter.allow()) {
                throw RateLimitException.limited(Long.MAX_VALUE);
            }
            return next.call(ctx, request);
        };
    }

    /**
     * go-kit's {@code NewDelayingLimiter}: waits with {@code limiter.await(ctx)}, then calls {@code next};
     * any failure of the wait (context done, wait past the deadline, n above the burst, interrupt) is
     * thrown as it is.
     */
    public static <Q, R> Middleware<Q, R> delaying(Waiter limiter) {
        Objects.requireNonNull(limiter, "limiter");
        return next -> (ctx, request) -> {
            limiter.await(ctx);
            return next.call(ctx, request);
        };
    }

    /**
     * {@link #erroring(Allower)} with one limiter per key, the key computed from the context and request
     * (for example the client address or the token's subject).
     */
    public static <Q, R, K> Middleware<Q, R> erroring(KeyedLimiter<K> limiters,
            BiFunction<Context, ? super Q, ? extends K> key) {
        Objects.requireNonNull(limiters, "limiters");
        Objects.requireNonNull(key, "key");
        return next -> (ctx, request) -> {
            long wait = limiters.tryAllow(key.apply(ctx, request));
            if (wait != 0) {
                throw RateLimitException.limited(wait);
            }
            return next.call(ctx, request);
        };
    }

    /** {@link #delaying(Waiter)} with one limiter per key, the key computed from the context and request. */
    public static <Q, R, K> Middleware<Q, R> delaying(KeyedLimiter<K> limiters,
            BiFunction<Context, ? super Q, ? extends K> key) {
        Objects.requireNonNull(limiters, "limiters");
        Objects.requireNonNull(key, "key");
        return next -> (ctx, request) -> {
            limiters.await(ctx, key.apply(ctx, request));
            return next.call(ctx, request);
        };
    }
}
