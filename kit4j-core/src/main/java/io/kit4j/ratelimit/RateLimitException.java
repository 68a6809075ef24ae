package io.kit4j.ratelimit;

import io.kit4j.errors.ErrorCode;
import io.kit4j.errors.KitError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A limiter refused an event: status 429 ({@link ErrorCode#RESOURCE_EXHAUSTED}). When the limiter knows
 * how long the caller would have to wait, the error carries a {@code Retry-After} header of that wait in
 * whole seconds, rounded up (at least 1); when it cannot say (the event can never happen: n above the
 * burst, or a rate of zero) there is no header.
 */
public final class RateLimitException extends KitError {
    private static final long serialVersionUID = 1L;

    /** go-kit's {@code ErrLimited} message, which the erroring middleware uses. */
    public static final String LIMITED = "rate limit exceeded";

    private final transient Duration retryAfter;

    /** An error with {@code message} and no known wait. */
    public RateLimitException(String message) {
        this(message, Long.MAX_VALUE);
    }

    /**
     * An error with {@code message} whose caller would have had to wait {@code waitNanos}
     * ({@link Long#MAX_VALUE} or less than 1: unknown).
     */
    RateLimitException(String message, long waitNanos) {
        super(ErrorCode.RESOURCE_EXHAUSTED, message, header(waitNanos), null);
        this.retryAfter = known(waitNanos) ? Duration.ofNanos(waitNanos) : null;
    }

    /**
     * go-kit's {@code ErrLimited} with the wait that the limiter computed, in nanoseconds ({@link Long#MAX_VALUE}
     * or less than 1: unknown, no {@code Retry-After}); public for limiters outside kit4j-core (kit4j-redis).
     */
    public static RateLimitException limited(long waitNanos) {
        return new RateLimitException(LIMITED, waitNanos);
    }

    /** How long the refused caller would have had to wait, if the limiter could say. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static boolean known(long waitNanos) {
        return waitNanos > 0 && waitNanos != Long.MAX_VALUE;
    }

    private static Map<String, List<String>> header(long waitNanos) {
        if (!known(waitNanos)) {
            return Map.of();
        }
        long seconds = waitNanos / 1_000_000_000L + (waitNanos % 1_000_000_000L != 0 ? 1 : 0);
        return Map.of("Retry-After", List.of(Long.toString(seconds)));
    }
}
